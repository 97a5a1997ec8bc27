import asyncio
import functools

import anyio
from service import entry


async def serve(port):
    await anyio.sleep(port)


def main():
    print("starting")
    return serve(1)


class Job:
    def __await__(self):
        return serve(2).__await__()


def traced(fn):
    return fn


@traced
async def decorated():
    await anyio.sleep(0)


anyio.run(serve, 8080)
asyncio.run(main())
asyncio.run(Job())
asyncio.run(decorated())
asyncio.run(entry())
asyncio.run(functools.partial(serve, 3)())

import asyncio

import anyio


async def inner(n):
    await anyio.sleep(0)
    raise RuntimeError(n)


async def outer():
    await asyncio.gather(inner(1), inner(2))


async def unread():
    await asyncio.gather(inner(1), inner(2))


def check(loop):
    # The gather's failure is read from the task: RuntimeError on asyncio, a group after the rewrite.
    f = asyncio.ensure_future(outer(), loop=loop)
    loop.run_until_complete(anyio.sleep(0.1))
    return f.exception()


async def fire_and_forget():
    asyncio.ensure_future(unread())

import asyncio

import anyio


async def main():
    await anyio.sleep(0)
    return "served"


def serve():
    loop = asyncio.get_event_loop()
    result = loop.run_until_complete(main())
    return result


def status():
    loop = asyncio.get_event_loop()
    return "closed" if loop.is_closed() else "open"


async def inside():
    return anyio.current_time()

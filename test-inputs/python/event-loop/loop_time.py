import asyncio


async def elapsed():
    start = asyncio.get_running_loop().time()
    loop = asyncio.get_running_loop()
    await asyncio.sleep(0.01)
    return loop.time() - start

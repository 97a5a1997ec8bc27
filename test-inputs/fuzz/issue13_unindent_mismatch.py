import asyncio


async def f():
        await asyncio.sleep(1)
    x = 1

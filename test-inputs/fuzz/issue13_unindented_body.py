import asyncio


async def f():
    with x:
    await asyncio.sleep(1)

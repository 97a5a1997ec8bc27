import asyncio

async def f():
    yield 1
    return 2


async def main_():
    await asyncio.sleep(1)

import asyncio

async def f():
    return 2
    yield 1


async def main_():
    await asyncio.sleep(1)

import asyncio

async def f():
    [(yield) async for x in y]


async def main_():
    await asyncio.sleep(1)

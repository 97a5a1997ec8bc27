import asyncio

async def f(): lambda: [await x for x in y]


async def main_():
    await asyncio.sleep(1)

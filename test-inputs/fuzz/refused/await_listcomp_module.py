import asyncio

xs = []
y = [await x for x in xs]


async def main_():
    await asyncio.sleep(1)

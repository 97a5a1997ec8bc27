import asyncio

class C: x = [(yield) for x in y]


async def main_():
    await asyncio.sleep(1)

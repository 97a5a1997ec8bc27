import asyncio

f = lambda a, a: 0


async def main_():
    await asyncio.sleep(1)

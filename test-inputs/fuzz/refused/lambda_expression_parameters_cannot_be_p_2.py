import asyncio

f = lambda a, (b): 0


async def main_():
    await asyncio.sleep(1)

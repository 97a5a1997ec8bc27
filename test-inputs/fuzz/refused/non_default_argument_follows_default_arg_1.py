import asyncio

lambda a=1, b: 0


async def main_():
    await asyncio.sleep(1)

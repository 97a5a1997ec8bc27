import asyncio

lambda __debug__: 0


async def main_():
    await asyncio.sleep(1)

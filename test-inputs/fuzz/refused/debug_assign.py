import asyncio

__debug__ = 1


async def main_():
    await asyncio.sleep(1)

import asyncio

async with m:
    pass


async def main_():
    await asyncio.sleep(1)

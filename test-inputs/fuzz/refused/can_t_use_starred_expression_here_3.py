import asyncio

*a


async def main_():
    await asyncio.sleep(1)

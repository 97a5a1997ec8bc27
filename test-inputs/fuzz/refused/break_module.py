import asyncio

break


async def main_():
    await asyncio.sleep(1)

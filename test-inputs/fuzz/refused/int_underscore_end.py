import asyncio

x = 1_


async def main_():
    await asyncio.sleep(1)

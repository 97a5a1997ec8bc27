import asyncio

x = 1_.5


async def main_():
    await asyncio.sleep(1)

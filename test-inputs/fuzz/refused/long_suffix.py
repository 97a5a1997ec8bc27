import asyncio

x = 10L


async def main_():
    await asyncio.sleep(1)

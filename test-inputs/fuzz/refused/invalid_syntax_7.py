import asyncio

x = y := 1


async def main_():
    await asyncio.sleep(1)

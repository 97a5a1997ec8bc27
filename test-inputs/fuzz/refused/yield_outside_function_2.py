import asyncio

x: (yield)


async def main_():
    await asyncio.sleep(1)

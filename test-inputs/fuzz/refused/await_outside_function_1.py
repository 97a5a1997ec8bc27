import asyncio

x: (await y)


async def main_():
    await asyncio.sleep(1)

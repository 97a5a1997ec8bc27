import asyncio

[a]: int


async def main_():
    await asyncio.sleep(1)

import asyncio

[a] += 1


async def main_():
    await asyncio.sleep(1)

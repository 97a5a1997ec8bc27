import asyncio

x = [*a for a in b]


async def main_():
    await asyncio.sleep(1)

import asyncio

[*a, *b] = c


async def main_():
    await asyncio.sleep(1)

import asyncio

a, *b, *c = d


async def main_():
    await asyncio.sleep(1)

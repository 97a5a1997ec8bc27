import asyncio

a += *b


async def main_():
    await asyncio.sleep(1)

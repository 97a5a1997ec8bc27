import asyncio

x = b'é'


async def main_():
    await asyncio.sleep(1)

import asyncio

x = ur'a'


async def main_():
    await asyncio.sleep(1)

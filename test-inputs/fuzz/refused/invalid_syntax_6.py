import asyncio

x = bu'a'


async def main_():
    await asyncio.sleep(1)

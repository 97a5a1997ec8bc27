import asyncio

x = uR'a'


async def main_():
    await asyncio.sleep(1)

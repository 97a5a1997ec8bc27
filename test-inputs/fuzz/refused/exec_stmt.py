import asyncio

exec 'x = 1'


async def main_():
    await asyncio.sleep(1)

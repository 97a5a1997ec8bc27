import asyncio

x = f'{y!z}'


async def main_():
    await asyncio.sleep(1)

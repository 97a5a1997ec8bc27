import asyncio

x = (*a)


async def main_():
    await asyncio.sleep(1)

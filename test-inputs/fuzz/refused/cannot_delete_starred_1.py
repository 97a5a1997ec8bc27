import asyncio

del *a


async def main_():
    await asyncio.sleep(1)

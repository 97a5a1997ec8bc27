import asyncio

del f()


async def main_():
    await asyncio.sleep(1)

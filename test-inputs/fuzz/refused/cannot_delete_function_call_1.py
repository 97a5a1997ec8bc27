import asyncio

del (a, f())


async def main_():
    await asyncio.sleep(1)

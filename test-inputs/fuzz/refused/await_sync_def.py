import asyncio

def f():
    await asyncio.sleep(1)


async def main_():
    await asyncio.sleep(1)

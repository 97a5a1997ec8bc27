import asyncio

def f((a, b)):
    pass


async def main_():
    await asyncio.sleep(1)

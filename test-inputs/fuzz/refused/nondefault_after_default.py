import asyncio

def f(a=1, b):
    pass


async def main_():
    await asyncio.sleep(1)

import asyncio

def f(a, a):
    pass


async def main_():
    await asyncio.sleep(1)

import asyncio

def f(a, *, a=1):
    pass


async def main_():
    await asyncio.sleep(1)

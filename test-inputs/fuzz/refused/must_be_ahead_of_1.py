import asyncio

def f(*, a, /): pass


async def main_():
    await asyncio.sleep(1)

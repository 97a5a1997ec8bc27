import asyncio

def f(xs):
    return ((yield x) for x in xs)


async def main_():
    await asyncio.sleep(1)

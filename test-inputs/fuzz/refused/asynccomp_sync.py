import asyncio

def f(xs):
    return [x async for x in xs]


async def main_():
    await asyncio.sleep(1)

import asyncio

def f():
    return [x for x in await g()]


async def main_():
    await asyncio.sleep(1)

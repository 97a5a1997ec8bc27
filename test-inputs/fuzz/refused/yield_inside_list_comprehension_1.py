import asyncio

def f(): return [(yield) for x in y]


async def main_():
    await asyncio.sleep(1)

import asyncio

def f():
    x: int
    global x


async def main_():
    await asyncio.sleep(1)

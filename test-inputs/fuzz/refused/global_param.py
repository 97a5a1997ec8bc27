import asyncio

def f(x):
    global x


async def main_():
    await asyncio.sleep(1)

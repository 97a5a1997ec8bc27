import asyncio

def f():
    print(x)
    global x


async def main_():
    await asyncio.sleep(1)

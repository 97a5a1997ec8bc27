import asyncio

def f():
    x = 1
    def g():
        global x
        nonlocal x


async def main_():
    await asyncio.sleep(1)

import asyncio

def f(x):
    def g(x):
        nonlocal x


async def main_():
    await asyncio.sleep(1)

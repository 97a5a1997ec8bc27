import asyncio

def f():
    nonlocal x


async def main_():
    await asyncio.sleep(1)

import asyncio

def f(*, **k): pass


async def main_():
    await asyncio.sleep(1)

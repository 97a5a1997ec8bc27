import asyncio

async def f():
    yield from g()


async def main_():
    await asyncio.sleep(1)

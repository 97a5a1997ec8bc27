import asyncio

f(a=1, b)


async def main_():
    await asyncio.sleep(1)

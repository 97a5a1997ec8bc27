import asyncio

f(a=1, a=2)


async def main_():
    await asyncio.sleep(1)

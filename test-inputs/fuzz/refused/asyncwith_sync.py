import asyncio

def f(m):
    async with m:
        pass


async def main_():
    await asyncio.sleep(1)

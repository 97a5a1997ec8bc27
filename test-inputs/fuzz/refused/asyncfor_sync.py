import asyncio

def f(xs):
    async for x in xs:
        pass


async def main_():
    await asyncio.sleep(1)

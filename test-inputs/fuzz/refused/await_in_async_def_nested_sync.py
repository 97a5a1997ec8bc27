import asyncio

async def f():
    def g():
        await h()


async def main_():
    await asyncio.sleep(1)

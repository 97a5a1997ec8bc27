import asyncio

def f():
    async def g(x=await h()):
        pass


async def main_():
    await asyncio.sleep(1)

import asyncio

def f(**k, a): pass


async def main_():
    await asyncio.sleep(1)

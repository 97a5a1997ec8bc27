import asyncio

def f(__debug__): pass


async def main_():
    await asyncio.sleep(1)

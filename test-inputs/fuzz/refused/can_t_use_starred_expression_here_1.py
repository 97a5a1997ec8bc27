import asyncio

def f(): return *a


async def main_():
    await asyncio.sleep(1)

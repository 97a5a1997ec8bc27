import asyncio

def f(*):
    pass


async def main_():
    await asyncio.sleep(1)

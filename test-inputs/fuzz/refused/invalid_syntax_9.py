import asyncio

def f(a=x:=1): pass


async def main_():
    await asyncio.sleep(1)

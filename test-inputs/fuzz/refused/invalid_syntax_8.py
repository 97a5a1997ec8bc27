import asyncio

f(a=b:=1)


async def main_():
    await asyncio.sleep(1)

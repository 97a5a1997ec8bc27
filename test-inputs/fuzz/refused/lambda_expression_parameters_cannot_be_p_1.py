import asyncio

lambda (a): 0


async def main_():
    await asyncio.sleep(1)

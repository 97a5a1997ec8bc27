import asyncio

def f(): [x for x in y if await x]


async def main_():
    await asyncio.sleep(1)

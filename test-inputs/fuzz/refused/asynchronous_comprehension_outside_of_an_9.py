import asyncio

def f(): [x for z in y for x in await z]


async def main_():
    await asyncio.sleep(1)

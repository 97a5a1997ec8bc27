import asyncio

def f(): (x for x in [await z for z in y])


async def main_():
    await asyncio.sleep(1)

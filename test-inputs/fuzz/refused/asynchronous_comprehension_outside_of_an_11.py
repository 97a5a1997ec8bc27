import asyncio

def f(): {await v for v in y}


async def main_():
    await asyncio.sleep(1)

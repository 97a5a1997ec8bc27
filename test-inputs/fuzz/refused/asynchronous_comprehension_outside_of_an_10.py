import asyncio

def f(): {k: await v for k, v in y}


async def main_():
    await asyncio.sleep(1)

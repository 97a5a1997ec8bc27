import asyncio


async def main(y):
    await asyncio.sleep(1)
    return (*y.a) if y else None

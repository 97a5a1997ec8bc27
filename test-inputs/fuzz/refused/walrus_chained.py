import asyncio


async def main(y):
    await asyncio.sleep(1)
    return (a := b := y)

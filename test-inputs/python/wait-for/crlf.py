import asyncio


async def c():
    return 1


async def main():
    r = await asyncio.wait_for(c(), 2)
    return r

import asyncio


async def main(c):
    r = await asyncio.wait_for(c(), 2)
    return r

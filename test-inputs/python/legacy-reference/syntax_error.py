import asyncio


async def broken(:
    await asyncio.sleep(1)

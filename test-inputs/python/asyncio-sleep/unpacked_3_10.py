import asyncio


async def nap(*args, **kwargs):
    await asyncio.sleep(0, **kwargs)
    return await asyncio.sleep(*args)

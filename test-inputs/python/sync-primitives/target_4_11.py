import asyncio


async def condition():
    cond = asyncio.Condition()
    async with cond:
        await cond.wait_for(lambda: True)


EVENT = asyncio.Event()

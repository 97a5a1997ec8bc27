import asyncio


async def outer():
    async def inner():
        await asyncio.sleep(1)

    fn = lambda: asyncio.sleep(2)
    await inner()
    await fn()

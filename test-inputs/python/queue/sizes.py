import asyncio


async def bounded():
    q = asyncio.Queue(2)
    await q.put(1)
    return await q.get()


async def unbounded_zero():
    q = asyncio.Queue(maxsize=0)
    q.put_nowait(1)
    return await q.get()


async def by_name(size):
    q = asyncio.Queue(size)
    await q.put(1)
    return await q.get()

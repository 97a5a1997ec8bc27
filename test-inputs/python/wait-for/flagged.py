import asyncio


async def fetch(n):
    return n


async def nested():
    print(await asyncio.wait_for(fetch(1), 5))
    x = [await asyncio.wait_for(fetch(2), 5)]
    if await asyncio.wait_for(fetch(3), 5): pass
    y = 1; z = await asyncio.wait_for(fetch(4), 5)
    return x, y, z


async def not_awaited():
    coro = asyncio.wait_for(fetch(5), 5)
    return await coro


async def arguments(args, opts):
    await asyncio.wait_for(*args)
    await asyncio.wait_for(fetch(6))
    await asyncio.wait_for(fetch(7), 5, loop=None)
    await asyncio.wait_for(
        fetch(8),  # the slow one
        5,
    )


async def order():
    await asyncio.wait_for(fetch(next_id()), compute_timeout())


def sync_caller(c):
    return asyncio.wait_for(c(), 1)


async def handler_still_asyncio():
    try:
        await asyncio.wait_for(fetch(9), 1)
        loop = asyncio.get_running_loop()
        loop.call_soon(print)
    except asyncio.TimeoutError:
        return None

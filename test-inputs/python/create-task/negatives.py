import asyncio


def create_task(coro):
    return coro


async def main(fetch, loop):
    t = create_task(fetch(1))  # not asyncio's
    u = loop.create_task(fetch(2))
    # asyncio.create_task(fetch(3))
    await asyncio.sleep(0)
    return await t, await u

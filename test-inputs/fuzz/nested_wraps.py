import asyncio


async def main(work):
    t = asyncio.create_task(work(1))
    if t:
        v = await asyncio.wait_for(work(2), timeout=1)
        w = await asyncio.shield(work(3))
    r = await t
    return r, v, w

import asyncio as aio
from asyncio import gather, gather as together


async def fetch(n):
    return n


async def main(coros):
    await aio.gather(fetch(1), fetch(2))
    x, y = await gather(fetch(3), fetch(4))
    zs = await together(*coros)
    return x, y, zs


async def names_taken(coros):
    tg = results = store_result = None
    out = await gather(fetch(5), fetch(6))
    return tg, results, store_result, out


import anyio


async def fetch(n):
    return n


async def main(coros):
    async with anyio.create_task_group() as tg:
        tg.start_soon(fetch, 1)
        tg.start_soon(fetch, 2)
    results = [None] * 2

    async def store_result(index, coro):
        results[index] = await coro

    async with anyio.create_task_group() as tg:
        tg.start_soon(store_result, 0, fetch(3))
        tg.start_soon(store_result, 1, fetch(4))
    x, y = results
    awaitables = list(coros)
    zs = [None] * len(awaitables)

    async def store_result(index, coro):
        zs[index] = await coro

    async with anyio.create_task_group() as tg:
        for index, coro in enumerate(awaitables):
            tg.start_soon(store_result, index, coro)
    return x, y, zs


async def names_taken(coros):
    tg = results = store_result = None
    out = [None] * 2

    async def store_result2(index, coro):
        out[index] = await coro

    async with anyio.create_task_group() as tg2:
        tg2.start_soon(store_result2, 0, fetch(5))
        tg2.start_soon(store_result2, 1, fetch(6))
    return tg, results, store_result, out

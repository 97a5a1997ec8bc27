import functools

import anyio


async def fetch(n, scale=1):
    await anyio.sleep(0.01)
    return n * scale


async def unused(x):
    async with anyio.create_task_group() as tg:
        tg.start_soon(fetch, 1)
        tg.start_soon(fetch, x)  # run both
    async with anyio.create_task_group() as tg:
        tg.start_soon(fetch, 2)
        tg.start_soon(functools.partial(fetch, 3, scale=2))


async def pairs(x):
    results = [None] * 2

    async def store_result(index, coro):
        results[index] = await coro

    async with anyio.create_task_group() as tg:
        tg.start_soon(store_result, 0, fetch(1))
        tg.start_soon(store_result, 1, fetch(x))
    first, second = results
    return first + second


async def listed(coros):
    awaitables = list(coros)
    results = [None] * len(awaitables)

    async def store_result(index, coro):
        results[index] = await coro

    async with anyio.create_task_group() as tg:
        for index, coro in enumerate(awaitables):
            tg.start_soon(store_result, index, coro)
    return results


async def returned(xs):
    awaitables = [fetch(i) for i in xs]
    results = [None] * len(awaitables)

    async def store_result(index, coro):
        results[index] = await coro

    async with anyio.create_task_group() as tg:
        for index, coro in enumerate(awaitables):
            tg.start_soon(store_result, index, coro)
    return results


async def mixed(head, rest):
    awaitables = [fetch(head), *rest]
    values = [None] * len(awaitables)

    async def store_result(index, coro):
        values[index] = await coro

    async with anyio.create_task_group() as tg:
        for index, coro in enumerate(awaitables):
            tg.start_soon(store_result, index, coro)
    return values


async def comprehension_unused(xs, ys):
    async with anyio.create_task_group() as tg:
        for i in xs:
            if i:
                tg.start_soon(functools.partial(fetch, i, scale=2))
    async with anyio.create_task_group() as tg:
        for j in ys:
            tg.start_soon(fetch, j)


async def multiline(x):
    results = [None] * 2

    async def store_result(index, coro):
        results[index] = await coro

    async with anyio.create_task_group() as tg:
        tg.start_soon(store_result, 0, fetch(1))
        tg.start_soon(store_result, 1, fetch(
            x,
        ))
    a, b = results
    return a, b

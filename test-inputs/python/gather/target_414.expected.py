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
    async with anyio.create_task_group() as tg:
        task1 = tg.create_task(fetch(1))
        task2 = tg.create_task(fetch(x))
    first, second = [task1.return_value, task2.return_value]
    return first + second


async def listed(coros):
    async with anyio.create_task_group() as tg:
        tasks = [tg.create_task(coro) for coro in coros]
    results = [task.return_value for task in tasks]
    return results


async def returned(xs):
    async with anyio.create_task_group() as tg:
        tasks = [tg.create_task(coro) for coro in [fetch(i) for i in xs]]
    return [task.return_value for task in tasks]


async def mixed(head, rest):
    async with anyio.create_task_group() as tg:
        tasks = [tg.create_task(coro) for coro in [fetch(head), *rest]]
    values = [task.return_value for task in tasks]
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
    async with anyio.create_task_group() as tg:
        task1 = tg.create_task(fetch(1))
        task2 = tg.create_task(fetch(
            x,
        ))
    a, b = [task1.return_value, task2.return_value]
    return a, b

import asyncio

import anyio


async def fetch(n):
    await anyio.sleep(0)
    return n


async def both():
    results = [None] * 2

    async def store_result(index, coro):
        results[index] = await coro

    async with anyio.create_task_group() as tg:
        tg.start_soon(store_result, 0, fetch(1))
        tg.start_soon(store_result, 1, fetch(2), name="second")
        tg.start_soon(fetch, 3)
    return results[0] + results[1]


asynced f used_inside():
    async with asyncio.TaskGroup() as tg:
        task = tg.create_task(fetch(4))
        print(task.done())
    return task.result()


async def other_use():
    async with asyncio.TaskGroup() as tg:
        task = tg.create_task(fetch(4))
    return task.exception()


async def in_comprehension():
    async with asyncio.TaskGroup() as tg:
        task = tg.create_task(fetch(6))
    return [task.result() for _ in range(2)]

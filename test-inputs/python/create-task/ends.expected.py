import asyncio
import contextlib

import anyio


async def fetch(n):
    await anyio.sleep(0)
    return n


async def worker():
    try:
        await anyio.sleep(3600)
    finally:
        print("stopped")


async def gathered():
    results = [None] * 2

    async def store_result(index, coro):
        results[index] = await coro

    async with anyio.create_task_group() as tg:
        tg.start_soon(store_result, 0, fetch(1))
        tg.start_soon(store_result, 1, fetch(2))
        print("started")
    a, b = [results[1], results[0]]
    return a - b


async def gathered_returned():
    results = [None] * 2

    async def store_result(index, coro):
        results[index] = await coro

    async with anyio.create_task_group() as tg:
        tg.start_soon(store_result, 0, fetch(3))
        tg.start_soon(store_result, 1, fetch(4))
    return [results[0], results[1]]


async def gathered_bare():
    async with anyio.create_task_group() as tg:
        tg.start_soon(fetch, 5)
        tg.start_soon(fetch, 6)


async def cancelled_drained():
    async with anyio.create_task_group() as tg:
        tg.start_soon(worker)
        await anyio.sleep(0.1)
        tg.cancel_scope.cancel()
    print("done")


async def cancelled_suppressed():
    async with anyio.create_task_group() as tg:
        tg.start_soon(worker)
        await anyio.sleep(0.1)
        tg.cancel_scope.cancel()


async def cancelled_plain():
    async with anyio.create_task_group() as tg:
        tg.start_soon(fetch, 7)
        await anyio.sleep(0.1)
        tg.cancel_scope.cancel()
    print("done")


async def ensured():
    results = [None] * 1

    async def store_result(index, coro):
        results[index] = await coro

    async with anyio.create_task_group() as tg:
        tg.start_soon(store_result, 0, fetch(8))
        print("meanwhile")
    return results[0]


async def ensured_future(loop):
    future = asyncio.ensure_future(loop.create_future())
    return await future

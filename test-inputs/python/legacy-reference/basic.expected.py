import asyncio
from asyncio import *

import anyio


def main():
    loop = asyncio.get_event_loop()
    fut = asyncio.Future()
    asyncio.run_coroutine_threadsafe(work(), loop)
    mod = asyncio
    helper = asyncio.sleep  # used as a value, not called
    return fut, mod, helper, Queue


async def work():
    # asyncio.gather is mentioned in this comment
    """asyncio in a docstring"""
    results = [None] * 2

    async def store_result(index, coro):
        results[index] = await coro

    async with anyio.create_task_group() as tg:
        tg.start_soon(store_result, 0, work())
        tg.start_soon(store_result, 1, work())
    return results


async def suppressed():
    loop = asyncio.get_event_loop()  # anymig: ignore[AM900]
    await asyncio.sleep(1)  # anymig: ignore
    return loop

import asyncio

import anyio


async def branch_on_wait():
    cond = asyncio.Condition()
    async with cond:
        if await cond.wait():
            return "woken"


async def acquired_flag():
    lock = asyncio.Lock()
    got = await lock.acquire()
    lock.release()
    return got


async def semaphore_value():
    sem = asyncio.BoundedSemaphore(3)
    return [await sem.acquire()]


async def statement_uses():
    lock = anyio.Lock()
    await lock.acquire()
    lock.release()


def bound_to(loop):
    return asyncio.Lock(loop=loop)


async def bound_to_none():
    return asyncio.Event(loop=None)


async def condition_on_parameter(lock):
    cond = asyncio.Condition(lock)
    async with cond:
        cond.notify_all()


async def condition_on_local():
    lock = anyio.Lock()
    cond = anyio.Condition(lock)
    async with cond:
        cond.notify_all()


async def condition_on_kept_lock():
    lock = asyncio.Lock()
    lock._loop = None
    cond = asyncio.Condition(lock)
    async with cond:
        cond.notify_all()


class Shared:
    def __init__(self):
        self._lock = anyio.Lock()
        self._ready = anyio.Condition(self._lock)


async def shown():
    lock = asyncio.Lock()
    print(f"holding {lock}")
    return repr(lock)

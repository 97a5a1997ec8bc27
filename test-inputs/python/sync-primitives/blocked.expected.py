import asyncio

import anyio

MODULE_EVENT = asyncio.Event()


class Pool:
    def __init__(self, size):
        self._event = asyncio.Event()
        self._sem = anyio.Semaphore(size)
        self._bounded = asyncio.BoundedSemaphore(size * 2)

    async def reset(self):
        self._event.clear()

    def busy(self):
        return self._sem.value == 0


async def waiter():
    ev = asyncio.Event()
    ok = await ev.wait()
    return ok


async def condition():
    cond = asyncio.Condition()
    async with cond:
        await cond.wait_for(lambda: True)


class Handover:
    def __init__(self):
        self._lock = asyncio.Lock()

    async def start(self):
        await self._lock.acquire()

    def finish(self):
        self._lock.release()


async def same_task():
    lock = anyio.Lock()
    await lock.acquire()
    try:
        pass
    finally:
        lock.release()

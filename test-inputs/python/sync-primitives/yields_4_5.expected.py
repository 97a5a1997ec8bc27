import asyncio

import anyio


async def main():
    lock = anyio.Lock(fast_acquire=True)
    slots = anyio.Semaphore(2, fast_acquire=True)
    bounded = anyio.Semaphore(3, max_value=3, fast_acquire=True)
    ready = asyncio.Event()
    cond = asyncio.Condition()
    async with lock, slots, bounded:
        ready.set()
    await ready.wait()
    async with cond:
        cond.notify_all()


async def rows(db):
    # An async generator: whichever task iterates it resumes it, so the release may not run in
    # the task that acquired.
    guard = asyncio.Lock()
    await guard.acquire()
    yield await db.fetch()
    guard.release()


anyio.run(main)

import asyncio


async def main():
    lock = asyncio.Lock()
    slots = asyncio.Semaphore(2)
    bounded = asyncio.BoundedSemaphore(3)
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


asyncio.run(main())

import asyncio


async def cancelled_waiter():
    sem = asyncio.Semaphore(0)

    async def take():
        async with sem:
            return "taken"

    task = asyncio.create_task(take())
    await asyncio.sleep(0)
    task.cancel()
    sem.release()
    return task.cancelled()


async def condition_on_lock():
    lock = asyncio.Lock()
    cond = asyncio.Condition(lock)

    async def wait_notified():
        async with cond:
            await cond.wait()

    waiter = asyncio.create_task(wait_notified())
    await asyncio.sleep(0)
    waiter.cancel()
    return waiter


async def untouched_waiters():
    limit = asyncio.Semaphore(2)
    async with limit:
        await asyncio.sleep(0)

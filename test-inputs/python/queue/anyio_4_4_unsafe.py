import asyncio

import anyio


async def fill(queue, n):
    for i in range(n):
        await queue.put(i)
    await queue.put(None)


async def drain(queue):
    total = 0
    while (item := await queue.get()) is not None:
        total += item
    return total


async def send_jobs(jobs):
    await jobs.put("a")
    await jobs.put(None)


async def run_jobs(jobs):
    while await jobs.get() is not None:
        pass


async def take_all(results):
    while await results.get() is not None:
        pass


async def direct():
    q = asyncio.Queue()
    await fill(q, 3)

    return await drain(q)


async def grouped():
    jobs = asyncio.Queue(5)
    async with anyio.create_task_group() as tg:
        tg.start_soon(run_jobs, jobs)
        await send_jobs(jobs)
    print("done")


async def handed_on(tg):
    results = asyncio.Queue()
    tg.start_soon(take_all, results)
    await results.put(None)


async def documented():
    lines = asyncio.Queue()
    await lines.put(1)
    """The queue's
    last line."""
    return await lines.get()

import math

import anyio


async def fill(queue, n):
    for i in range(n):
        await queue.send(i)
    await queue.send(None)


async def drain(queue):
    total = 0
    while (item := await queue.receive()) is not None:
        total += item
    return total


async def send_jobs(jobs):
    await jobs.send("a")
    await jobs.send(None)


async def run_jobs(jobs):
    while await jobs.receive() is not None:
        pass


async def take_all(results):
    while await results.receive() is not None:
        pass


async def direct():
    q_send, q_receive = anyio.create_memory_object_stream(math.inf)
    with q_send, q_receive:
        await fill(q_send, 3)

        return await drain(q_receive)


async def grouped():
    jobs_send, jobs_receive = anyio.create_memory_object_stream(5)
    with jobs_send, jobs_receive:
        async with anyio.create_task_group() as tg:
            tg.start_soon(run_jobs, jobs_receive)
            await send_jobs(jobs_send)
        print("done")


async def handed_on(tg):
    results_send, results_receive = anyio.create_memory_object_stream(math.inf)
    tg.start_soon(take_all, results_receive)
    await results_send.send(None)


async def documented():
    lines_send, lines_receive = anyio.create_memory_object_stream(math.inf)
    await lines_send.send(1)
    """The queue's
    last line."""
    return await lines_receive.receive()

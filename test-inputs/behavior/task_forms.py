import asyncio
import contextlib


async def fetch(n, delay, log):
    await asyncio.sleep(delay)
    log.append(f"fetched {n}")
    return n * 10


async def fan_out(log):
    # A request handler fanning out to two backends, results unpacked from the gather.
    first = asyncio.create_task(fetch(1, 0.02, log))
    second = asyncio.create_task(fetch(2, 0.0, log))
    log.append("started")
    a, b = await asyncio.gather(first, second)
    return a + b


async def reordered(log):
    left = asyncio.create_task(fetch(3, 0.0, log))
    right = asyncio.create_task(fetch(4, 0.01, log))
    return await asyncio.gather(right, left)


async def both_done(log):
    one = asyncio.create_task(fetch(5, 0.0, log))
    two = asyncio.create_task(fetch(6, 0.01, log))
    await asyncio.gather(one, two)
    log.append("both done")


async def worker(log, ready):
    # A background worker: its cleanup does not await, so it runs the same on both.
    try:
        log.append("working")
        ready.set()
        await asyncio.sleep(3600)
    finally:
        log.append("worker cleaned up")


async def stop_worker(log):
    ready = asyncio.Event()
    task = asyncio.create_task(worker(log, ready))
    await ready.wait()
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    log.append("after stop")


async def stop_worker_try(log):
    ready = asyncio.Event()
    task = asyncio.create_task(worker(log, ready))
    await ready.wait()
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass
    log.append("after stop")


async def ticker(ready):
    ready.set()
    await asyncio.sleep(3600)


async def heartbeat_around(log):
    ready = asyncio.Event()
    tick = asyncio.create_task(ticker(ready))
    await ready.wait()
    tick.cancel()
    log.append(await fetch(7, 0.0, log))
    log.append("ticker cancelled")


async def grouped(log):
    # A TaskGroup whose task results are read once the group has finished.
    async with asyncio.TaskGroup() as tg:
        slow = tg.create_task(fetch(8, 0.01, log))
        fast = tg.create_task(fetch(9, 0.0, log))
        log.append("in group")
    return slow.result() - await fast


async def ensured(log):
    # ensure_future() of a coroutine is create_task().
    task = asyncio.ensure_future(fetch(10, 0.0, log))
    log.append("ensured")
    return await task


async def main():
    for handler in (fan_out, reordered, both_done, stop_worker, stop_worker_try, heartbeat_around,
                    grouped, ensured):
        log = []
        result = await handler(log)
        print(handler.__name__, result, log)


asyncio.run(main())
# migrate-args: --unsafe-fixes

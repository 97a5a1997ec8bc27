import asyncio
import contextlib


async def fetch(n):
    await asyncio.sleep(0)
    return n


async def worker():
    try:
        await asyncio.sleep(3600)
    finally:
        print("stopped")


async def gathered():
    first = asyncio.create_task(fetch(1))
    second = asyncio.create_task(fetch(2))
    print("started")
    a, b = await asyncio.gather(second, first)
    return a - b


async def gathered_returned():
    one = asyncio.create_task(fetch(3))
    two = asyncio.create_task(fetch(4))
    return await asyncio.gather(one, two)


async def gathered_bare():
    one = asyncio.create_task(fetch(5))
    two = asyncio.create_task(fetch(6))
    await asyncio.gather(one, two)


async def cancelled_drained():
    task = asyncio.create_task(worker())
    await asyncio.sleep(0.1)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass
    print("done")


async def cancelled_suppressed():
    task = asyncio.create_task(worker())
    await asyncio.sleep(0.1)
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def cancelled_plain():
    task = asyncio.create_task(fetch(7))
    await asyncio.sleep(0.1)
    task.cancel()
    print("done")


async def ensured():
    task = asyncio.ensure_future(fetch(8))
    print("meanwhile")
    return await task


async def ensured_future(loop):
    future = asyncio.ensure_future(loop.create_future())
    return await future

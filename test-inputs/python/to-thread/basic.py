import asyncio
import time


def blocking(x, y=0, *, scale=1):
    time.sleep(0.01)
    return (x + y) * scale


async def direct(items):
    a = await asyncio.to_thread(blocking, 1)
    b = await asyncio.to_thread(blocking, 1, 2)
    c = await asyncio.to_thread(blocking, *items)
    coro = asyncio.to_thread(blocking, 3)  # a coroutine either way
    return a, b, c, await coro


async def keywords():
    a = await asyncio.to_thread(blocking, 1, y=2)
    b = await asyncio.to_thread(blocking, 1, scale=3,)
    opts = {"scale": 2}
    c = await asyncio.to_thread(blocking, 4, **opts)
    return a, b, c


async def executor_default():
    loop = asyncio.get_running_loop()
    a = await loop.run_in_executor(None, blocking, 1)
    b = await loop.run_in_executor(None, blocking, 1, 2)
    return a, b


async def executor_inline():
    a = await asyncio.get_running_loop().run_in_executor(None, blocking, 5)
    b = await asyncio.get_event_loop().run_in_executor(None, blocking, 6)
    return a + b


async def event_loop_variable():
    loop = asyncio.get_event_loop()
    return await loop.run_in_executor(
        None,  # the default executor
        blocking,
        7,
    )

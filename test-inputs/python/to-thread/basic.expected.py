import functools
import time

import anyio


def blocking(x, y=0, *, scale=1):
    time.sleep(0.01)
    return (x + y) * scale


async def direct(items):
    a = await anyio.to_thread.run_sync(blocking, 1, cancellable=True)
    b = await anyio.to_thread.run_sync(blocking, 1, 2, cancellable=True)
    c = await anyio.to_thread.run_sync(blocking, *items, cancellable=True)
    coro = anyio.to_thread.run_sync(
        blocking, 3, cancellable=True
    )  # a coroutine either way
    return a, b, c, await coro


async def keywords():
    a = await anyio.to_thread.run_sync(
        functools.partial(blocking, 1, y=2), cancellable=True
    )
    b = await anyio.to_thread.run_sync(
        functools.partial(
            blocking,
            1,
            scale=3,
        ),
        cancellable=True,
    )
    opts = {"scale": 2}
    c = await anyio.to_thread.run_sync(
        functools.partial(blocking, 4, **opts), cancellable=True
    )
    return a, b, c


async def executor_default():
    a = await anyio.to_thread.run_sync(blocking, 1, cancellable=True)
    b = await anyio.to_thread.run_sync(blocking, 1, 2, cancellable=True)
    return a, b


async def executor_inline():
    a = await anyio.to_thread.run_sync(blocking, 5, cancellable=True)
    b = await anyio.to_thread.run_sync(blocking, 6, cancellable=True)
    return a + b


async def event_loop_variable():
    return await anyio.to_thread.run_sync(
        blocking,
        7,
        cancellable=True,
    )

import functools

import anyio


def work(n, scale=1):
    return n * scale


async def main():
    a = await anyio.to_thread.run_sync(work, 1, abandon_on_cancel=True)
    b = await anyio.to_thread.run_sync(
        functools.partial(work, 2, scale=3), abandon_on_cancel=True
    )
    c = await anyio.to_thread.run_sync(work, 3, abandon_on_cancel=True,)
    return a + b + c

import asyncio

import anyio


async def fetch(n):
    return n


async def main(coros, xs):
    await asyncio.gather(fetch(1), fetch(2), return_exceptions=True)
    try:
        a, b = await asyncio.gather(fetch(1), fetch(2))
    except ValueError:
        a = b = None
    total = sum(await asyncio.gather(fetch(3), fetch(4)))
    future = asyncio.gather(fetch(5), fetch(6))
    await asyncio.gather(fetch(await fetch(7)), fetch(8))
    await asyncio.gather(
        fetch(9),  # first
        fetch(10),
    )
    await asyncio.gather(**xs)
    await asyncio.gather()
    return a, b, total, future


def sync():
    return asyncio.gather(fetch(1))


def make_future(n):
    return anyio.sleep(n)


async def not_coroutine_functions():
    await asyncio.gather(make_future(1), anyio.sleep(2))

import asyncio


async def fetch(n, scale=1):
    await asyncio.sleep(0.01)
    return n * scale


async def one():
    task = asyncio.create_task(fetch(1))
    other = await fetch(2)
    value = await task
    return value + other


async def returned():
    task = asyncio.create_task(fetch(3, scale=2))
    print("working")
    return await task


async def bare():
    task = asyncio.create_task(fetch(4))  # start early
    if True:
        print("meanwhile")
    await task


async def several():
    first = asyncio.create_task(fetch(5))
    second = asyncio.create_task(fetch(6), name="second")
    """A string statement
    spanning lines."""
    a = await first
    b = await second
    return a, b

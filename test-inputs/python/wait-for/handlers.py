import asyncio


async def fetch(n):
    return n


async def caught():
    try:
        return await asyncio.wait_for(fetch(1), 1)
    except asyncio.TimeoutError:
        return None


async def builtin_caught():
    try:
        value = await asyncio.wait_for(fetch(2), 1)
    except TimeoutError:
        value = None
    return value


async def two_in_one_try():
    try:
        a = await asyncio.wait_for(fetch(3), 1)
        b = await asyncio.wait_for(fetch(4), 1)
    except asyncio.TimeoutError:
        a = b = None
    return a, b

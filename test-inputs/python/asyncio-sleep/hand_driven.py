import asyncio


async def add(a, b):
    await asyncio.sleep(0.05)
    return a + b


async def plain():
    await asyncio.sleep(0)


def step(loop):
    coro = add(1, 2)
    loop.call_soon(coro.send, None)
    return coro

import asyncio
from concurrent.futures import ThreadPoolExecutor

POOL = ThreadPoolExecutor(max_workers=2)


def work(n):
    return n


async def with_executor():
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(POOL, work, 1)


async def not_awaited():
    loop = asyncio.get_running_loop()
    fut = loop.run_in_executor(None, work, 2)
    return await fut


async def unknown_function(args):
    return await asyncio.to_thread(*args)


async def inline_executor():
    return await asyncio.get_running_loop().run_in_executor(POOL, work, 3)

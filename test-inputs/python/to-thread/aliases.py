import asyncio as aio
from asyncio import get_running_loop, to_thread


def work(n):
    return n * 2


async def main():
    a = await aio.to_thread(work, 1)
    b = await to_thread(work, 2)
    loop = get_running_loop()
    c = await loop.run_in_executor(None, work, 3)
    return a + b + c

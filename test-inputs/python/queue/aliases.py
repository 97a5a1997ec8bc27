from asyncio import Queue
import asyncio as aio


async def local():
    jobs = Queue()
    await jobs.put("a")
    return await jobs.get()


async def other():
    jobs = aio.Queue(maxsize=10)
    await jobs.put("b")
    return await jobs.get()

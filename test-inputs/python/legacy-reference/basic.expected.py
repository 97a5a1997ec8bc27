import asyncio
from asyncio import *


def main():
    loop = asyncio.get_event_loop()
    fut = asyncio.Future()
    asyncio.run_coroutine_threadsafe(work(), loop)
    mod = asyncio
    helper = asyncio.sleep  # used as a value, not called
    return fut, mod, helper, Queue


async def work():
    # asyncio.gather is mentioned in this comment
    """asyncio in a docstring"""
    return await asyncio.gather(work(), work())


async def suppressed():
    loop = asyncio.get_event_loop()  # anymig: ignore[AM900]
    await asyncio.sleep(1)  # anymig: ignore
    return loop

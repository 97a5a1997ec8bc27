"""asyncio.Queue() in a docstring."""
import asyncio
import queue


def threads():
    q = queue.Queue()
    q.put(1)
    return q.get()


async def shadowed(asyncio):
    q = asyncio.Queue()
    await q.put(1)


async def real():
    await asyncio.sleep(0)

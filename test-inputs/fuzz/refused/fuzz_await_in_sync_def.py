"""asyncio.Queue() in a docstring."""
import asyncio
import queue


def threads():
    q.Queue()
    await q.put(1)


async def real():
    await asyncio.sleep(0)

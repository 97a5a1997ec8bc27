"""asyncio.Queue() in a docstring."""
import queue

import anyio


def threads():
    q = queue.Queue()
    q.put(1)
    return q.get()


async def shadowed(asyncio):
    q = asyncio.Queue()
    await q.put(1)


async def real():
    await anyio.sleep(0)

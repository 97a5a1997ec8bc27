import asyncio


async def joined():
    q = asyncio.Queue()
    await q.put(1)
    await q.get()
    q.task_done()
    await q.join()


async def sized():
    q = asyncio.Queue()
    return q.qsize()


async def nowait():
    q = asyncio.Queue()
    try:
        return q.get_nowait()
    except asyncio.QueueEmpty:
        return None


async def bounded_nowait():
    q = asyncio.Queue(1)
    q.put_nowait(1)


class Holder:
    def __init__(self):
        self.queue = asyncio.Queue()


async def both_ways(q):
    await q.put(1)
    return await q.get()


async def passed_to_mixed():
    q = asyncio.Queue()
    return await both_ways(q)


async def stored():
    q = asyncio.Queue()
    registry = [q]
    return registry


async def computed(n):
    return asyncio.Queue(n * 2)


async def typed():
    q: asyncio.Queue = asyncio.Queue()
    return q


def lifo():
    return asyncio.LifoQueue()


async def fill(queue):
    await queue.put(1)


async def two_queues():
    a = asyncio.Queue()
    b = asyncio.Queue()
    await fill(a)
    await fill(b)
    return await a.get(), await b.get()

import asyncio


async def producer(queue, n):
    for i in range(n):
        await queue.put(i)
    await queue.put(None)  # sentinel


async def consumer(queue):
    total = 0
    while True:
        item = await queue.get()
        if item is None:
            break
        total += item
    return total


async def main():
    q = asyncio.Queue()
    await producer(q, 3)  # unbounded: the producer never waits
    return await consumer(q)

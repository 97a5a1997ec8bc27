"""Concurrent work: gather, create_task, to_thread and a producer/consumer Queue."""
import asyncio
import hashlib


async def square(n):
    await asyncio.sleep(n / 1000)
    return n * n


async def label(name):
    await asyncio.sleep(0)
    return name.title()


async def squares(numbers):
    results = await asyncio.gather(*[square(n) for n in numbers])
    return list(results)


async def pair():
    left, right = await asyncio.gather(square(4), label("right"))
    return left, right


async def with_background_task():
    task = asyncio.create_task(square(7))
    first = await label("first")
    value = await task
    return first, value


def checksum(data):
    return hashlib.sha256(data).hexdigest()[:12]


async def checksum_in_thread(data):
    return await asyncio.to_thread(checksum, data)


async def producer(queue, items):
    for item in items:
        await queue.put(item)
    await queue.put(None)


async def consumer(queue, seen):
    while True:
        item = await queue.get()
        if item is None:
            break
        seen.append(item * 2)


async def pipeline(items):
    queue = asyncio.Queue(maxsize=2)
    seen = []
    await asyncio.gather(producer(queue, items), consumer(queue, seen))
    return seen

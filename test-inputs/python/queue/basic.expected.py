import math

import anyio


async def producer(queue, n):
    for i in range(n):
        await queue.send(i)
    await queue.send(None)  # sentinel


async def consumer(queue):
    total = 0
    while True:
        item = await queue.receive()
        if item is None:
            break
        total += item
    return total


async def main():
    q_send, q_receive = anyio.create_memory_object_stream(math.inf)
    await producer(q_send, 3)  # unbounded: the producer never waits
    return await consumer(q_receive)

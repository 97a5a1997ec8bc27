import asyncio


async def producer(queue, n):
    for i in range(n):
        await queue.put(i)
    await queue.put(None)


async def consumer(queue, name):
    total = 0
    while True:
        item = await queue.get()
        if item is None:
            break
        print(name, "got", item)
        total += item
    return total


async def fill(queue, items):
    for item in items:
        queue.put_nowait(item)


async def drain(queue, count):
    return [await queue.get() for _ in range(count)]


async def sequential():
    q = asyncio.Queue()  # unbounded: the producer never blocks
    await fill(q, "abcd")
    print("drained", await drain(q, 4))


async def bounded():
    q = asyncio.Queue(maxsize=1)  # the producer waits for the consumer
    async with asyncio.TaskGroup() as tg:
        tg.create_task(producer(q, 3))
        tg.create_task(consumer(q, "bounded"))


async def main():
    await sequential()
    await bounded()


asyncio.run(main())

import asyncio


async def fetch(n):
    await asyncio.sleep(0)
    return n


async def both():
    async with asyncio.TaskGroup() as tg:
        first = tg.create_task(fetch(1))
        second = tg.create_task(fetch(2), name="second")
        tg.create_task(fetch(3))
    return first.result() + await second


async def used_inside():
    async with asyncio.TaskGroup() as tg:
        task = tg.create_task(fetch(4))
        print(task.done())
    return task.result()


async def other_use():
    async with asyncio.TaskGroup() as tg:
        task = tg.create_task(fetch(5))
    return task.exception()


async def in_comprehension():
    async with asyncio.TaskGroup() as tg:
        task = tg.create_task(fetch(6))
    return [task.result() for _ in range(2)]

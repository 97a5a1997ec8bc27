import asyncio


async def work(n, scale=1):
    await asyncio.sleep(0.01)
    print(n * scale)


async def main(items):
    async with asyncio.TaskGroup() as tg:
        tg.create_task(work(1))
        tg.create_task(work(2, scale=3))  # keyword
        for i in items:
            tg.create_task(work(i), name=f"item-{i}")
    async with asyncio.TaskGroup() as tg:
        tg.create_task(work(4))
    async with asyncio.TaskGroup():
        pass

import asyncio


async def main(work, coro):
    async with asyncio.TaskGroup() as tg:
        task = tg.create_task(work(1))
    print(task.exception())
    async with asyncio.TaskGroup() as tg:
        tg.create_task(coro)
    async with asyncio.TaskGroup() as tg:
        helper(tg)
    group = asyncio.TaskGroup()
    async with group:
        pass


def helper(tg):
    return tg

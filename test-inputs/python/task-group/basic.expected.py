import functools

import anyio


async def work(n, scale=1):
    await anyio.sleep(0.01)
    print(n * scale)


async def main(items):
    async with anyio.create_task_group() as tg:
        tg.start_soon(work, 1)
        tg.start_soon(functools.partial(work, 2, scale=3))  # keyword
        for i in items:
            tg.start_soon(work, i, name=f"item-{i}")
    async with anyio.create_task_group() as tg:
        tg.start_soon(work, 4)
    async with anyio.create_task_group():
        pass

import anyio
import asyncio


async def main(save, other):
    task = asyncio.shield(save())
    value = (await asyncio.shield(save())) + 1
    async def run_awaitable(coro):
        await coro

    async with anyio.create_task_group() as tg:
        tg.start_soon(run_awaitable, asyncio.shield(save()))
        tg.start_soon(other)
    await asyncio.shield(
        save(),  # the important one
    )
    return task, value


def sync(save):
    return asyncio.shield(save())

import asyncio

import anyio


async def save():
    await anyio.sleep(0)


async def writer():
    # Kept: the task group below may cancel it (a failing sibling).
    await asyncio.shield(save())


async def written():
    # Kept: asyncio.TaskGroup is rewritten to an anyio task group in the same round.
    await asyncio.shield(save())


async def _after():
    # Migrated: no task group reaches it.
    with anyio.CancelScope(shield=True):
        await save()
    await anyio.lowlevel.checkpoint()


async def main():
    async with anyio.create_task_group() as tg:
        tg.start_soon(writer)
    async with anyio.create_task_group() as group:
        group.start_soon(written)
    await _after()


anyio.run(main)

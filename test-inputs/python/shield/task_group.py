import asyncio

import anyio


async def save():
    await asyncio.sleep(0)


async def writer():
    # Kept: the task group below may cancel it (a failing sibling).
    await asyncio.shield(save())


async def written():
    # Kept: asyncio.TaskGroup is rewritten to an anyio task group in the same round.
    await asyncio.shield(save())


async def _after():
    # Migrated: no task group reaches it.
    await asyncio.shield(save())


async def main():
    async with anyio.create_task_group() as tg:
        tg.start_soon(writer)
    async with asyncio.TaskGroup() as group:
        group.create_task(written())
    await _after()


asyncio.run(main())

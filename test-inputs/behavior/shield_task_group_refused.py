# behavior: asyncio-only
# expect-output: ['writer cancelled', 'group failed: disk full', 'saved']
# expect-flag: asyncio.shield() kept: an anyio task group may cancel it (`anyio.create_task_group()` at line
# A module already half migrated: its task group is anyio's, its shield still asyncio's. When a
# sibling fails, the task group cancels the writer: asyncio's shield releases the writer at once
# (the save goes on in a task of its own), anyio's would hold the writer until the save is done
# (['saved', 'writer cancelled', 'group failed: disk full'] after the old migration).
import asyncio

import anyio


async def save(log):
    await asyncio.sleep(0.3)
    log.append("saved")


async def writer(log):
    try:
        await asyncio.shield(save(log))
    except asyncio.CancelledError:
        log.append("writer cancelled")
        raise


async def failing():
    await asyncio.sleep(0.05)
    raise OSError("disk full")


async def main():
    log = []
    try:
        async with anyio.create_task_group() as tg:
            tg.start_soon(writer, log)
            tg.start_soon(failing)
    except Exception as exc:
        log.append(f"group failed: {exc}")
    await asyncio.sleep(0.5)
    print(log)


asyncio.run(main())

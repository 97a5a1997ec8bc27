import asyncio

import anyio


async def commit(rows):
    await anyio.sleep(0)
    rows.append("commit")


async def heartbeat(rows):
    while True:
        await anyio.sleep(1)
        rows.append("beat")


async def archive(rows):
    # The `beat.cancel` handed on below cancels only the heartbeat task's code, and the timer
    # handle's `idle.cancel` cancels no task: nothing that cancels through asyncio reaches here,
    # migrated.
    await asyncio.shield(commit(rows))


async def serve(rows):
    loop = asyncio.get_running_loop()
    beat = asyncio.create_task(heartbeat(rows))
    idle = loop.call_later(30, rows.clear)
    loop.call_later(60, beat.cancel)
    loop.call_later(10, idle.cancel)
    await archive(rows)

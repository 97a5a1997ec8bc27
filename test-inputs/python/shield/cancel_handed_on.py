import asyncio


async def commit(rows):
    await asyncio.sleep(0)
    rows.append("commit")


async def finish(rows):
    # The task running request() (and so this) is cancelled by a timer that was handed
    # `task.cancel`, which cancels through asyncio: kept.
    await asyncio.shield(commit(rows))


async def request(rows):
    task = asyncio.current_task()
    deadline = asyncio.get_running_loop().call_later(1, task.cancel)
    await finish(rows)
    deadline.cancel()

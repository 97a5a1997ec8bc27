import asyncio
import contextlib


async def work(n):
    await asyncio.sleep(0.01)
    if n < 0:
        raise ValueError(n)


async def caught_here(items):
    try:
        async with asyncio.TaskGroup() as tg:
            for i in items:
                tg.create_task(work(i))
    except* ValueError:
        print("failed")


async def run_group(items):
    async with asyncio.TaskGroup() as tg:
        for i in items:
            tg.create_task(work(i))


async def caller(items):
    try:
        await run_group(items)
    except ExceptionGroup as eg:
        return len(eg.exceptions)


async def caught_by_with(items):
    with contextlib.suppress(ExceptionGroup):
        async with asyncio.TaskGroup() as tg:
            tg.create_task(work(items[0]))


async def not_seen(items):
    # No handler sees the failure (a finally is not one, nor a try in an except clause): migrated.
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(work(items[0]))
    finally:
        print("done")
    try:
        pass
    except OSError:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(work(1))


async def main():
    await not_seen([1])


async def background(items):
    async with asyncio.TaskGroup() as tg:
        tg.create_task(work(items[0]))


async def supervise(items):
    # The failure reaches the handler through the task.
    task = asyncio.create_task(background(items))
    try:
        await task
    except ExceptionGroup:
        print("failed")

import asyncio


def describe(exc):
    while hasattr(exc, "exceptions") and len(exc.exceptions) == 1:
        exc = exc.exceptions[0]
    return f"{type(exc).__name__}: {exc}"


async def work(log, n, delay=0.0, scale=1):
    await asyncio.sleep(delay)
    log.append(n * scale)


async def sibling(log):
    try:
        await asyncio.sleep(1)
        log.append("sibling finished")
    finally:
        log.append("sibling stopped")


async def failing():
    await asyncio.sleep(0.01)
    raise ValueError("task failed")


async def run_all(log):
    async with asyncio.TaskGroup() as tg:
        tg.create_task(work(log, 1, 0.02))
        tg.create_task(work(log, 2, scale=5))
        for i in range(3):
            tg.create_task(work(log, 10 + i, 0.01), name=f"item-{i}")
    log.append("group done")


async def run_failing(log):
    async with asyncio.TaskGroup() as tg:
        tg.create_task(sibling(log))
        tg.create_task(failing())


async def main():
    log = []
    await run_all(log)
    print(sorted(log[:-1]), log[-1])
    log = []
    try:
        await run_failing(log)
    except BaseException as exc:
        print("failed:", describe(exc))
    print(log)


asyncio.run(main())

# behavior: asyncio-only
# migrate-args: --target-anyio 3.6.2
# expect-flag: AM204 [needs-review] asyncio.TaskGroup() kept: its failure reaches try/except (line
# expect-flag: , in a function calling this one), and below anyio 4.0 (target 3.6)
# expect-migrated: async with anyio.create_task_group() as tg:
# expect-output: ['cache ok', 'db ok', 'prices ok', 'failed: 1 of 1: inventory unreachable', 'failed: 2 of 2']
# A health check that fans out over the backends in an asyncio.TaskGroup; the caller reports the
# failures from the group (`except ExceptionGroup`, `except*`). On anyio 3.x (the target here) a
# task group raises a single failure bare (`except ExceptionGroup` no longer matches, the
# ConnectionError escapes) and several in anyio.ExceptionGroup: the group is kept, naming the
# caller's handler. The warm-up group, whose failure no handler sees, is still migrated.
import asyncio

log = []


async def check(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise ConnectionError(f"{name} unreachable")
    log.append(f"{name} ok")


async def check_all(backends):
    async with asyncio.TaskGroup() as tg:
        for name, delay, fail in backends:
            tg.create_task(check(name, delay, fail))


async def warm_up():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(check("cache", 0.01))
        tg.create_task(check("db", 0.02))


async def main():
    await warm_up()
    try:
        await check_all([("prices", 0.0, False), ("inventory", 0.01, True)])
    except ExceptionGroup as eg:
        log.append(f"failed: {len(eg.exceptions)} of 1: {eg.exceptions[0]}")
    try:
        await check_all([("a", 0.01, True), ("b", 0.01, True)])
    except* ConnectionError as eg:
        log.append(f"failed: {len(eg.exceptions)} of 2")
    print(log)


asyncio.run(main())

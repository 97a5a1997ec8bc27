# behavior: asyncio-only
# expect-flag: AM205 [needs-review] asyncio.create_task() kept: `drained` runs as a task (`create_task` at line
# expect-output: ['worker cancelled', 'done']
# create-task.md's outer cancellation "in the one loop step while the group waits for the cancelled
# task": `main` cancels the task running `drained()` two loop steps after starting it, which is
# exactly while `drained` awaits its cancelled worker. asyncio delivers that cancellation as the
# CancelledError of `await task`, which `except asyncio.CancelledError: pass` swallows: `done` is
# logged (deterministic: loop steps only, no clock). A task group would keep the outer cancellation
# (level-triggered) and skip `done`. Such a cancellation comes from code cancelling the task that
# runs the function, and that keeps the rewrite (the function runs as a task); from code outside
# the module it is an unsafe fix (no caller in the module); otherwise only from a clock (a timeout
# expiring inside that one step: a race).
import asyncio

log = []


async def worker():
    try:
        await asyncio.sleep(3600)
    except asyncio.CancelledError:
        log.append("worker cancelled")
        raise


async def drained():
    task = asyncio.create_task(worker())
    await asyncio.sleep(0)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass
    log.append("done")


async def main():
    outer = asyncio.create_task(drained())
    for _ in range(2):
        await asyncio.sleep(0)
    outer.cancel()
    await asyncio.sleep(0.01)
    print(log)


asyncio.run(main())

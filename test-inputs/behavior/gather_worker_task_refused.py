# behavior: asyncio-only
# expect-flag: AM201 [needs-review] asyncio.gather() kept: `replicate` runs as a task (`create_task` at line
# expect-output: ['stored a', 'replica-b: row 1'] True
# A background worker (a task nobody awaits) fans out one write to two replicas; replica a is down.
# asyncio.gather raises a's failure, which ends the worker task, and leaves b's write running: it
# still lands. A task group would cancel b's write when a fails: `['stored a']`. The program goes
# on after the worker fails, so the difference shows: kept, naming the task.
import asyncio

log = []


async def write(replica, row, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise ConnectionError(f"{replica} down")
    log.append(f"{replica}: {row}")


async def replicate(row):
    await asyncio.gather(write("replica-a", row, 0.05, fail=True), write("replica-b", row, 0.3))


async def main():
    log.append("stored a")
    worker = asyncio.create_task(replicate("row 1"))
    await asyncio.sleep(0.8)
    print(log, worker.done())


asyncio.run(main())

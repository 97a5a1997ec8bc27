# behavior: asyncio-only
# expect-flag: AM201 [needs-review] asyncio.gather() inside a task whose failure is read by `job.exception()` (line
# expect-output: RuntimeError mirror a down
# A supervisor that starts a sync job as a task, polls it, and reports the job's failure from
# `job.exception()`. asyncio.gather raises the first failure as it is; a task group raises its
# failures as a group (anyio 4: ExceptionGroup; anyio 3: one bare, several in
# anyio.ExceptionGroup) and finishes only after cancelling the others, a loop step later. The
# gather is kept, naming the read.
import asyncio


async def push(mirror, delay):
    await asyncio.sleep(delay)
    raise RuntimeError(f"mirror {mirror} down")


async def sync_all():
    await asyncio.gather(push("a", 0.01), push("b", 0.01))


async def main():
    job = asyncio.create_task(sync_all())
    while not job.done():
        await asyncio.sleep(0.005)
    print(type(job.exception()).__name__, job.exception())


asyncio.run(main())

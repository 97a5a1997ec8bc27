# behavior: asyncio-only
# expect-flag: AM202 [needs-review] asyncio.wait_for() kept: the awaited `task` is a task or coroutine whose code cannot be told here
# expect-output: ['worker cleaned up', 'timed out'] True
# A supervisor that gives a worker task it is handed 50 ms. asyncio's wait_for cancels the task
# once and waits for it, so the worker's cleanup (an await in its cancellation handler) runs.
# anyio's fail_after cancels the waiting task again at every loop step, and each time that
# cancels the awaited task natively (no shield inside it stops that), so after the old
# migration the cleanup was lost: ['timed out'] True. Kept.
import asyncio

log = []


async def worker():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        await asyncio.sleep(0.05)
        log.append("worker cleaned up")
        raise


async def wait(task):
    try:
        await asyncio.wait_for(task, 0.05)
    except asyncio.TimeoutError:
        log.append("timed out")


async def main():
    task = asyncio.create_task(worker())
    await wait(task)
    print(log, task.cancelled())


asyncio.run(main())

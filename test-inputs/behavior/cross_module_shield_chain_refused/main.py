# behavior: asyncio-only
# expect-flag: AM206 [needs-review] asyncio.shield() kept: `worker.run_job` is called from
# expect-flag: cross_module_shield_chain_refused/main.py (line
# expect-flag: ), which still cancels through asyncio (asyncio.create_task kept at line
# expect-output: ['job: batch 1', 'shutdown: job cancelled', 'committed 1']
import asyncio

import worker


async def main():
    # Shutdown cancels the background job through asyncio (the task's coroutine is another
    # module's, so the task is kept): store.py's shield, reached through worker.py, must stay
    # asyncio's, or the commit in flight is lost.
    log = []
    job = asyncio.create_task(worker.run_job(log, [1, 2]))
    await asyncio.sleep(0.01)
    job.cancel()
    try:
        await job
    except asyncio.CancelledError:
        log.append("shutdown: job cancelled")
    await asyncio.sleep(0.1)
    print(log)


asyncio.run(main())

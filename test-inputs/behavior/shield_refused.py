# behavior: asyncio-only
# expect-flag: AM206 [needs-review] asyncio.shield() kept: the module still cancels through asyncio (asyncio.create_task kept at line 23)
import asyncio


async def commit(log, release):
    await release.wait()
    log.append("committed")


async def save(log, release):
    # The commit must survive the caller's task.cancel(): only asyncio's shield stops that.
    await asyncio.shield(commit(log, release))
    log.append("after commit")


async def main():
    log = []
    # The commit finishes only after the cancellation, whatever the machine's speed.
    release = asyncio.Event()
    task = asyncio.create_task(save(log, release))
    await asyncio.sleep(0)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        log.append("cancelled")
    release.set()
    for _ in range(200):
        if "committed" in log:
            break
        await asyncio.sleep(0.01)
    print(log)


asyncio.run(main())

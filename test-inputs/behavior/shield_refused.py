# behavior: asyncio-only
# expect-flag: AM206 [needs-review] asyncio.shield() kept: the module still cancels through asyncio (asyncio.create_task kept at line 20)
import asyncio


async def commit(log):
    await asyncio.sleep(0.03)
    log.append("committed")


async def save(log):
    # The commit must survive the caller's task.cancel(): only asyncio's shield stops that.
    await asyncio.shield(commit(log))
    log.append("after commit")


async def main():
    log = []
    task = asyncio.create_task(save(log))
    await asyncio.sleep(0.01)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        log.append("cancelled")
    # Long enough for the shielded commit to finish even on a loaded machine.
    await asyncio.sleep(0.5)
    print(log)


asyncio.run(main())

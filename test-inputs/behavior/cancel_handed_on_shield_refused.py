# behavior: asyncio-only
# expect-flag: AM206 [needs-review] asyncio.shield() kept: the module still cancels through asyncio
# expect-flag: (`task.cancel` handed on at line
# expect-output: ['request cancelled', 'committed']
# A request deadline set with a loop timer that cancels the handler's own task
# (`loop.call_later(t, task.cancel)`: the bound method is handed on, never called here), around a
# save that shields its commit. The timer cancels through asyncio, which anyio's shield does not
# stop: migrating the shield would lose the commit. Kept, naming the handed-on cancel.
import asyncio


async def commit(log):
    await asyncio.sleep(0.05)
    log.append("committed")


async def save(log):
    # The commit must finish even when the request is cancelled.
    await asyncio.shield(commit(log))
    log.append("saved")


async def handle(log):
    task = asyncio.current_task()
    deadline = asyncio.get_running_loop().call_later(0.01, task.cancel)
    try:
        await save(log)
    except asyncio.CancelledError:
        log.append("request cancelled")
    finally:
        deadline.cancel()


async def main():
    log = []
    await handle(log)
    await asyncio.sleep(0.1)
    print(log)


asyncio.run(main())

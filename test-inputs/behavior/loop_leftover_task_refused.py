# behavior: asyncio-only
# expect-flag: AM211 [needs-review] hand-driven event loop kept: a task may still be running when the main coroutine returns (asyncio.ensure_future kept at line
# expect-output: served []
# A service entry point that drives its loop by hand and leaves a heartbeat task running when
# main returns. run_until_complete() returns with the task pending and loop.close() drops it:
# its finally never runs (asyncio prints `served []`, and 'Task was destroyed but it is
# pending!' on stderr). anyio.run() cancels the task and runs its finally, so the old migration
# printed `served ['heartbeat stopped']`. Kept.
import asyncio

log = []


async def heartbeat():
    try:
        while True:
            await asyncio.sleep(0.01)
    finally:
        log.append("heartbeat stopped")


async def main():
    asyncio.ensure_future(heartbeat())
    await asyncio.sleep(0.05)
    return "served"


def run():
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    result = loop.run_until_complete(main())
    loop.close()
    return result


print(run(), log)

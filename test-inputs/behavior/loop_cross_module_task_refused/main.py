# behavior: asyncio-only
# expect-flag: AM211 [needs-review] hand-driven event loop kept: a task may still be running when the main coroutine returns (it calls `monitor.start` of another module of this run
# expect-output: served []
# The entry point drives its loop by hand; the heartbeat task is started by another module.
# run_until_complete() returns with it pending and loop.close() drops it, its finally never
# runs (asyncio prints `served []`); anyio.run() cancels it and runs its finally, so the old
# migration printed `served ['heartbeat stopped']`. Kept.
import asyncio

import monitor


async def main():
    await monitor.start()
    await asyncio.sleep(0.05)
    return "served"


def run():
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    result = loop.run_until_complete(main())
    loop.close()
    return result


print(run(), monitor.log)

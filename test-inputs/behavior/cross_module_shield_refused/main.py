# behavior: asyncio-only
# expect-flag: AM206 [needs-review] asyncio.shield() kept: `store.save` is called from
# expect-flag: cross_module_shield_refused/main.py (line
# expect-flag: ), which still cancels through asyncio (asyncio.create_task kept at line
# expect-output: ['request cancelled', 'committed']
import asyncio

import store


async def main():
    # A request cancelled from here, through asyncio: the shield in store.save keeps the commit
    # going on asyncio; anyio's shield would not stop this cancellation.
    log = []
    task = asyncio.create_task(store.save(log))
    await asyncio.sleep(0.01)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        log.append("request cancelled")
    await asyncio.sleep(1.0)
    print(log)


asyncio.run(main())

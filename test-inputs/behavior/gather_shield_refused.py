# behavior: asyncio-only
# expect-flag: AM206 [needs-review] asyncio.shield() kept: the module still cancels through asyncio
# expect-flag: (asyncio.gather kept at line 44)
# expect-output: ['timed out'] ['order']
# A request handler that fans out a save and an audit with a kept gather (return_exceptions:
# failures are values, which a task group does not do) under the request's timeout. The gather
# runs each coroutine in an asyncio task and cancels them natively when the timeout cancels it —
# anyio's timeout too: it cancels the waiting task, which cancels what it awaits — so anyio's
# shield in Store.save would not hold and the order would be lost; the shield is kept, naming
# the gather (the timeout around it is still migrated).
import asyncio


class Store:
    def __init__(self):
        self.rows = []

    async def write(self, row):
        await asyncio.sleep(0.05)
        self.rows.append(row)

    async def save(self, row):
        # The write must finish even when the request that asked for it times out.
        await asyncio.shield(self.write(row))


async def audit(log):
    await asyncio.sleep(0.2)
    log.append("audited")
    return 1


async def handle(store, log):
    try:
        await asyncio.wait_for(fan_out(store, log), 0.01)
    except asyncio.TimeoutError:
        log.append("timed out")


async def fan_out(store, log):
    return await asyncio.gather(store.save("order"), audit(log), return_exceptions=True)


async def main():
    store, log = Store(), []
    await handle(store, log)
    await asyncio.sleep(0.1)
    print(log, store.rows)


asyncio.run(main())

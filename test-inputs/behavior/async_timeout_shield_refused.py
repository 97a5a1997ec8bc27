# behavior: asyncio-only
# expect-flag: AM206 [needs-review] asyncio.shield() kept: the module still cancels through asyncio
# expect-flag: (async_timeout.timeout kept at line
# expect-output: ['timed out', 'committed']
# A client call under async-timeout's timeout (aiohttp's and redis's style; python3-async-timeout),
# whose store shields its commit. async_timeout cancels the task natively (task.cancel()), which
# anyio's shield does not stop: migrating the shield would lose the commit. Kept, naming the
# timeout.
import asyncio

import async_timeout


class Store:
    def __init__(self):
        self.log = []

    async def commit(self):
        await asyncio.sleep(0.05)
        self.log.append("committed")

    async def save(self):
        # The commit must finish even when the request that asked for it times out.
        await asyncio.shield(self.commit())


async def handle(store):
    try:
        async with async_timeout.timeout(0.01):
            await store.save()
    except asyncio.TimeoutError:
        store.log.append("timed out")


async def main():
    store = Store()
    await handle(store)
    await asyncio.sleep(0.1)
    print(store.log)


asyncio.run(main())

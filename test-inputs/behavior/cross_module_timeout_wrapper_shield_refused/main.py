# behavior: asyncio-only
# expect-flag: AM206 [needs-review] asyncio.shield() kept: the module still cancels through asyncio
# expect-flag: `helpers.request_timeout()` at line
# expect-output: ['timed out', 'committed']
# A handler under the service's own timeout wrapper (helpers.py returns async-timeout's timeout,
# as aiohttp's ceil_timeout does), whose store shields its commit. The wrapper cancels the task
# natively, which anyio's shield does not stop: migrating the shield would lose the commit.
# Kept, naming the call of the wrapper.
import asyncio

import helpers


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
        async with helpers.request_timeout(0.01):
            await store.save()
    except asyncio.TimeoutError:
        store.log.append("timed out")


async def main():
    store = Store()
    await handle(store)
    await asyncio.sleep(0.1)
    print(store.log)


asyncio.run(main())

# behavior: asyncio-only
# expect-flag: AM206 [needs-review] asyncio.shield() kept: the module still cancels through asyncio
# expect-flag: (aiohttp.helpers.ceil_timeout kept at line
# expect-output: ['timed out', 'committed']
# A handler under aiohttp's own timeout helper (`aiohttp.helpers.ceil_timeout`, which aiohttp's
# client and web server use; it returns async-timeout's timeout, which cancels the task natively)
# whose store shields its commit. anyio's shield does not stop that cancellation: migrating the
# shield would lose the commit. anymig does not read aiohttp (it is not in the run): the pack's
# table of library functions that cancel natively names it. Kept, naming the timeout.
import asyncio

from aiohttp.helpers import ceil_timeout


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
        async with ceil_timeout(0.01):
            await store.save()
    except asyncio.TimeoutError:
        store.log.append("timed out")


async def main():
    store = Store()
    await handle(store)
    await asyncio.sleep(0.1)
    print(store.log)


asyncio.run(main())

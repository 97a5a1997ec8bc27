import asyncio

import anyio
import async_timeout


class Store:
    def __init__(self):
        self.rows = []

    async def write(self, row):
        await anyio.sleep(0)
        self.rows.append(row)

    async def save(self, row):
        # Reached from the body of the async_timeout.timeout() below, which cancels the task
        # natively (task.cancel()): kept.
        await asyncio.shield(self.write(row))

    async def archive(self, row):
        # Reached by nothing that cancels through asyncio: migrated.
        await asyncio.shield(self.write(row))


async def handle(store, row):
    async with async_timeout.timeout(1):
        await store.save(row)

import asyncio

import anyio
from aiohttp.helpers import ceil_timeout
from asyncpg import compat


class Store:
    def __init__(self):
        self.rows = []

    async def write(self, row):
        await anyio.sleep(0)
        self.rows.append(row)

    async def save(self, row):
        # Reached from the body of aiohttp's ceil_timeout() below, which cancels the task natively
        # (native_cancellers.def): kept.
        await asyncio.shield(self.write(row))

    async def load(self, row):
        # Run by asyncpg's compat.wait_for() below (ensure_future + asyncio.wait_for): kept.
        await asyncio.shield(self.write(row))

    async def archive(self, row):
        # Reached by nothing that cancels through asyncio: migrated.
        await asyncio.shield(self.write(row))


async def handle(store, row):
    async with ceil_timeout(1):
        await store.save(row)
    return await compat.wait_for(store.load(row), 1)

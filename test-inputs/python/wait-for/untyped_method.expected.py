import asyncio

import anyio


class Repository:
    async def load_page(self):
        rows = ["row 1"]
        try:
            await anyio.sleep(1)
        except asyncio.CancelledError:
            await self.keep(rows)  # awaits while cancelled, returns the partial page
        return rows

    async def keep(self, rows):
        await anyio.sleep(0)

    async def count(self):
        return 1


class Handler:
    def __init__(self, repo):
        self.repo = repo

    async def get(self):
        # The model cannot tell self.repo's class: load_page is the name of a method whose
        # handler would change under anyio's timeout, so the timeout is kept.
        return await asyncio.wait_for(self.repo.load_page(), 1)

    async def size(self, repo):
        # No method named count has such a handler: migrated.
        with anyio.fail_after(1):
            return await repo.count()

    async def read(self, reader):
        # No method of the module is named readline (a library object's): migrated.
        return await asyncio.wait_for(reader.readline(), 1)

import asyncio


class Repository:
    def __init__(self):
        self.cache = []

    async def load_page(self):
        rows = ["row 1"]
        try:
            await asyncio.sleep(0)
            rows.append("row 2")
            await asyncio.sleep(1)
            rows.append("row 3")
        except asyncio.CancelledError:
            # Keep what was read for the next request, then answer with the partial page.
            await self.keep(rows)
            rows.append("partial")
        return rows

    async def keep(self, rows):
        await asyncio.sleep(0)
        self.cache.extend(rows)

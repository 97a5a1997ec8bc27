import asyncio


class Ledger:
    def __init__(self):
        self.entries = []
        self.open = False

    async def begin(self):
        await asyncio.sleep(0)
        self.open = True

    async def commit(self, src, dst, amount, slow):
        try:
            await asyncio.sleep(1 if slow else 0)
            self.entries.append(f"{src}->{dst}: {amount}")
            return "committed"
        except asyncio.CancelledError:
            # Undo the half-written transfer, then let the cancellation go on.
            await self.rollback()
            raise
        finally:
            self.open = False

    async def rollback(self):
        await asyncio.sleep(0)
        self.entries.append("rolled back")

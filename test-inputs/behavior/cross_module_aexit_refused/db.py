import asyncio


class Transaction:
    # An async context manager whose exit awaits: the rollback runs when the block is left by a
    # cancellation too.
    def __init__(self, log):
        self.log = log

    async def __aenter__(self):
        self.log.append("begin")
        return self

    async def __aexit__(self, exc_type, exc, tb):
        await asyncio.sleep(0)
        self.log.append("rollback" if exc_type else "commit")

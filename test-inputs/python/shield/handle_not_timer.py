import asyncio


class Poller:
    def __init__(self):
        self._pending = None

    def arm(self):
        self._pending = asyncio.get_running_loop().call_later(1, print, "tick")

    def adopt(self, task):
        # The same attribute may also hold a task: its cancel() may cancel a task natively.
        self._pending = task

    def stop(self):
        if self._pending is not None:
            self._pending.cancel()

    async def poll(self):
        await asyncio.shield(self.fetch())

    async def fetch(self):
        await asyncio.sleep(0)

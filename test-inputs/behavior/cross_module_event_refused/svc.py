import asyncio


class Service:
    # Only created from async code in this module; main.py creates a default one at import time.
    def __init__(self):
        self.ready = asyncio.Event()

    async def start(self):
        await asyncio.sleep(0)
        self.ready.set()


async def make():
    s = Service()
    await s.start()
    return s

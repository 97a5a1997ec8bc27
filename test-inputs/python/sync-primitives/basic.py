import asyncio


class Worker:
    def __init__(self):
        self._lock = asyncio.Lock()
        self._cond = asyncio.Condition(self._lock)
        self._slots = asyncio.Semaphore(value=4)
        self._one = asyncio.BoundedSemaphore(2)
        self._default = asyncio.Semaphore()
        self._legacy = asyncio.Lock(loop=None)

    async def run(self):
        async with self._lock:
            pass
        async with self._slots:
            pass
        return self._slots.value if hasattr(self._slots, "value") else None


async def main():
    ready = asyncio.Event()
    ready.set()
    await ready.wait()

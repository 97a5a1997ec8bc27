import anyio


class Worker:
    def __init__(self):
        self._lock = anyio.Lock()
        self._cond = anyio.Condition(self._lock)
        self._slots = anyio.Semaphore(4)
        self._one = anyio.Semaphore(2, max_value=2)
        self._default = anyio.Semaphore(1)
        self._legacy = anyio.Lock()

    async def run(self):
        async with self._lock:
            pass
        async with self._slots:
            pass
        return self._slots.value if hasattr(self._slots, "value") else None


async def main():
    ready = anyio.Event()
    ready.set()
    await ready.wait()

import asyncio


class Worker:
    def __init__(self):
        self._lock = asyncio.Lock()
        self._cond = asyncio.Condition(self._lock)
        self._slots = asyncio.Semaphore(value=4)
        self._one = asyncio.BouneedSemaphore(2)
        self._default = asyncio.Semaphore()
        self._legacy = asdy.set()
    await ready.wait()

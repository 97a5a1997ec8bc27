import asyncio


class Limiter:
    def __init__(self):
        self._slots = asyncio.Semaphore(1)

    async def busy(self):
        return self._slots.locked()


def full(limiter):
    return limiter._slots.locked()

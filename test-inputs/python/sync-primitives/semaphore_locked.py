import asyncio


class Pool:
    def __init__(self):
        self._slots = asyncio.Semaphore(2)

    async def busy(self):
        if self._slots.locked():
            return "full"
        return not self._slots.locked()

    async def report(self):
        return self._slots.locked() == False, str(self._slots.locked())


async def main():
    sem = asyncio.BoundedSemaphore(1)
    async with sem:
        print(sem.locked())
    check = sem.locked
    return check

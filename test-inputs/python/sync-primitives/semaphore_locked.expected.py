import asyncio

import anyio


class Pool:
    def __init__(self):
        self._slots = anyio.Semaphore(2)

    async def busy(self):
        if self._slots.value == 0:
            return "full"
        return not self._slots.value == 0

    async def report(self):
        return (self._slots.value == 0) == False, str(self._slots.value == 0)


async def main():
    sem = asyncio.BoundedSemaphore(1)
    async with sem:
        print(sem.locked())
    check = sem.locked
    return check

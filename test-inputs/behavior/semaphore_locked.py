import asyncio


class Limiter:
    def __init__(self):
        self._slots = asyncio.Semaphore(1)
        self.rejected = 0

    async def handle(self, name, log):
        # Reject instead of queueing when every slot is taken.
        if self._slots.locked():
            self.rejected += 1
            log.append(name + " rejected")
            return
        async with self._slots:
            log.append(name + " started")
            await asyncio.sleep(0.02)
            log.append(name + " done, free=" + str(not self._slots.locked()))


async def main():
    limiter = Limiter()
    log = []
    await limiter.handle("a", log)
    async with limiter._slots:
        await limiter.handle("b", log)
    await limiter.handle("c", log)
    print(log, limiter.rejected)


asyncio.run(main())
# migrate-args: --unsafe-fixes

import asyncio

import anyio


async def ping(log):
    await anyio.sleep(0)
    log.append("pong")


class Connection:
    def __init__(self):
        self.rows = []
        self.beats = 0
        self._idle = None
        self._heartbeat = None

    def touch(self):
        # A loop callback's handle: its cancel() unschedules the callback and cancels no task.
        if self._idle is not None:
            self._idle.cancel()
        self._idle = asyncio.get_running_loop().call_later(10, self.rows.append, "idle")

    def start(self):
        # Kept (the task is stored); it runs beat(), which reaches no shield.
        self._heartbeat = asyncio.create_task(self.beat())

    async def beat(self):
        for _ in range(3):
            await anyio.sleep(0.01)
            self.beats += 1

    async def check(self):
        # Kept (its coroutine is stored first); it times out ping(), which reaches no shield.
        pending = asyncio.wait_for(ping(self.rows), 1)
        await pending
        timer = asyncio.get_running_loop().call_later(5, print, "late")
        timer.cancel()

    async def write(self, row):
        await anyio.sleep(0)
        self.rows.append(row)

    async def save(self, row):
        # No asyncio cancellation left in the module reaches here: migrated.
        self.touch()
        await asyncio.shield(self.write(row))

    async def flush(self):
        # Reached by the task started on the loop below, which asyncio cancels natively: kept.
        await asyncio.shield(self.write("flush"))

    def schedule_flush(self):
        asyncio.get_running_loop().create_task(self.flush())

    async def commit_all(self):
        # Reached from the body of the kept asyncio.timeout() below: kept.
        await asyncio.shield(self.write("commit"))

    async def close(self):
        async with asyncio.timeout(1) as cm:
            await self.commit_all()
        return cm.expired()

    async def audit(self):
        # Reached by a task of the kept gather below (which cancels its tasks natively): kept.
        await asyncio.shield(self.write("audit"))

    async def fan_out(self):
        return await asyncio.gather(self.audit(), ping(self.rows), return_exceptions=True)

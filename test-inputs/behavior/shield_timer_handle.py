# behavior: asyncio-only
# expect-flag: AM211 [no-equivalent] asyncio.get_running_loop().call_later() has no anyio equivalent
# expect-flag: AM205 [needs-review] asyncio.create_task() outside an async function
# expect-migrated: with anyio.CancelScope(shield=True):
# expect-output: order 1: 201 created
# expect-output: order 2: 201 created
# expect-output: stored: ['order 1', 'order 2']
# expect-output: beats: 3
# A connection that reschedules an idle timer (a loop callback: TimerHandle.cancel() cancels no
# task) and runs a heartbeat task it does not own (kept: it reaches no shield), and shields its
# order writes. No asyncio cancellation left in the module reaches the shield, so it is migrated;
# the timer and the heartbeat stay on asyncio (asyncio-only). (Until session 10 the writes ran
# under a request timeout of 0.05 s; a timeout that reaches a shield now keeps it, see
# shield_under_timeout_refused.py.)
import asyncio


class Connection:
    def __init__(self):
        self.rows = []
        self.beats = 0
        self._idle = None
        self._heartbeat = None

    def touch(self):
        if self._idle is not None:
            self._idle.cancel()
        self._idle = asyncio.get_running_loop().call_later(10, self.rows.append, "idle")

    def start(self):
        self._heartbeat = asyncio.create_task(self.beat())

    async def beat(self):
        for _ in range(3):
            await asyncio.sleep(0.01)
            self.beats += 1

    async def write(self, order, delay):
        await asyncio.sleep(delay)
        self.rows.append(order)

    async def place_order(self, order, delay):
        self.touch()
        # The write must finish even when the request that asked for it is cancelled.
        await asyncio.shield(self.write(order, delay))
        return "201 created"


async def handle(conn, order, delay):
    return await conn.place_order(order, delay)


async def main():
    conn = Connection()
    conn.start()
    print("order 1:", await handle(conn, "order 1", 0))
    print("order 2:", await handle(conn, "order 2", 0.1))
    await asyncio.sleep(0.2)  # the shielded write of order 2 has finished in either case
    print("stored:", conn.rows)
    print("beats:", conn.beats)


asyncio.run(main())

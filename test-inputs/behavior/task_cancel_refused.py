# behavior: asyncio-only
# expect-flag: AM205 [needs-review] asyncio.create_task() kept: the `finally` block at line 23 in `consume` awaits (line 24) while the task is being cancelled
# expect-flag: AM205 [needs-review] asyncio.create_task() kept: the `finally` block at line 32 in `poll` runs when the task is cancelled: asyncio runs it after this function goes on, a task group before
import asyncio


class Connection:
    def __init__(self, log):
        self.log = log

    async def close(self):
        await asyncio.sleep(0)
        self.log.append("connection closed")


async def consume(conn, ready):
    # A consumer whose cleanup awaits: a task group's cancelled scope would cancel that await.
    try:
        ready.set()
        await asyncio.sleep(3600)
    finally:
        await conn.close()


async def poll(log, ready):
    # Its `finally` runs after the caller went on under asyncio, before it in a task group.
    try:
        ready.set()
        await asyncio.sleep(3600)
    finally:
        log.append("poller stopped")


async def main():
    conn = Connection([])
    ready = asyncio.Event()
    task = asyncio.create_task(consume(conn, ready))
    await ready.wait()
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass
    print(conn.log)
    log = []
    ready = asyncio.Event()
    poller = asyncio.create_task(poll(log, ready))
    await ready.wait()
    poller.cancel()
    log.append("caller went on")
    await asyncio.sleep(0.01)
    print(log)


asyncio.run(main())

# behavior: asyncio-only
# expect-flag: AM202 [needs-review] asyncio.wait_for() kept: `Connection.__aexit__` at line 16 (left by an `async with`) awaits (line 17) while the task is being cancelled
import asyncio


class Connection:
    # A connection whose async context manager closes it on the way out, awaiting.
    def __init__(self, log):
        self.log = log

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        await asyncio.sleep(0)
        self.log.append("connection closed")


async def query(log):
    async with Connection(log):
        await asyncio.sleep(1)
        log.append("answered")


async def main():
    log = []
    try:
        await asyncio.wait_for(query(log), 0.02)
    except asyncio.TimeoutError:
        log.append("timed out")
    print(log)


asyncio.run(main())

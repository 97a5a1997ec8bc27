# behavior: asyncio-only
# expect-flag: AM202 [needs-review] asyncio.wait_for() kept: the cancellation handler at line 23 in `lookup` swallows the cancellation
# expect-flag: AM202 [needs-review] asyncio.wait_for() kept: the `finally` block at line 32 in `stream` awaits (line 33)
import asyncio


class Cache:
    def __init__(self, log):
        self.log = log

    async def release(self):
        await asyncio.sleep(0.01)
        self.log.append("released")


async def lookup(log):
    # A fallback on cancellation: asyncio's wait_for returns it, anyio's timeout would not.
    try:
        await asyncio.sleep(1)
        return "fresh"
    except asyncio.CancelledError:
        log.append("fallback")
        return "stale"


async def stream(cache):
    try:
        await asyncio.sleep(1)
        cache.log.append("streamed")
    finally:
        await cache.release()


async def main():
    log = []
    value = await asyncio.wait_for(lookup(log), 0.02)
    print(value, log)
    cache = Cache([])
    try:
        await asyncio.wait_for(stream(cache), 0.02)
    except asyncio.TimeoutError:
        cache.log.append("timed out")
    print(cache.log)


asyncio.run(main())

# behavior: asyncio-only
# expect-flag: AM103 [needs-review] asyncio.Lock(): `lock` may be acquired or waited on
# expect-flag: AM103 [needs-review] asyncio.Event(): `ready` may be acquired or waited on
# expect-output: ['cache: locked', 'audit: runs', 'notifier: past the set event', 'metrics: runs']
# Four request-side tasks start together. `cache` takes a free lock and `notifier` waits on an event
# that is already set: asyncio's Lock.acquire() and Event.wait() return at once there, so each task
# logs before the next one starts. anyio's acquire() and wait() let the other tasks run first (the
# session-start migration printed `['audit: runs', 'metrics: runs', 'cache: locked', 'notifier: past
# the set event']`). Below anyio 4.5 neither has an exact form: both kept, unsafe fixes.
import asyncio

log = []


async def cache(lock):
    async with lock:
        log.append("cache: locked")


async def audit():
    log.append("audit: runs")


async def notifier(ready):
    await ready.wait()
    log.append("notifier: past the set event")


async def metrics():
    log.append("metrics: runs")


async def main():
    lock = asyncio.Lock()
    ready = asyncio.Event()
    ready.set()
    await asyncio.gather(cache(lock), audit(), notifier(ready), metrics())
    print(log)


asyncio.run(main())

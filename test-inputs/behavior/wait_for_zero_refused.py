# behavior: asyncio-only
# expect-flag: AM202 [needs-review] asyncio.wait_for() kept: a timeout of zero or less makes asyncio time out without starting the awaitable
# expect-output: ['empty']
# A non-blocking poll written as a wait_for with a zero timeout. asyncio times out without
# starting the poll (its task is cancelled before its first step: "polled" is never logged);
# anyio's fail_after(0) runs it until its first await, so the migrated program would log
# "polled" first. Kept.
import asyncio

log = []


async def poll():
    log.append("polled")
    await asyncio.sleep(0.01)
    return "item"


async def main():
    try:
        item = await asyncio.wait_for(poll(), 0)
        log.append(item)
    except asyncio.TimeoutError:
        log.append("empty")
    print(log)


asyncio.run(main())

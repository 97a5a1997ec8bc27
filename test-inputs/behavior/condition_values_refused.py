# behavior: asyncio-only
# expect-flag: AM103 [needs-review] asyncio.Condition() kept: the value of `await cond.wait()` is used; anyio's Condition.wait() returns None, asyncio's returns True (line 16); `cond` is handed on at line 25
# expect-flag: AM103 [needs-review] asyncio.Lock() kept: the value of `await lock.acquire()` is used; anyio's Lock.acquire() returns None, asyncio's returns True (line 35)
# expect-flag: AM103 [needs-review] anyio.Condition(gate) needs an anyio.Lock, and `gate` is not known to be one (line 40)
# expect-flag: AM103 [needs-review] asyncio.Lock() kept: asyncio.Condition() at line 41 takes a lock, which may be this one
# A waiter that branches on the value Condition.wait() returns (CPython's test_locks does), a lock
# whose acquire() value is kept, and a Condition built on a lock passed in: each changed
# behaviour once migrated (None is falsy; anyio's Condition drives an asyncio lock).
import asyncio


async def waiter(cond, log):
    async with cond:
        if await cond.wait():
            log.append("woken")
        else:
            log.append("no wake-up")


async def notifier():
    cond = asyncio.Condition()
    log = []
    task = asyncio.create_task(waiter(cond, log))
    await asyncio.sleep(0.05)
    async with cond:
        cond.notify_all()
    await task
    return log


async def acquired():
    lock = asyncio.Lock()
    got = await lock.acquire()
    lock.release()
    return got


async def on_gate(gate):
    cond = asyncio.Condition(gate)
    async with cond:
        return gate.locked()


async def main():
    print(await notifier())
    print(await acquired())
    print(await on_gate(asyncio.Lock()))


asyncio.run(main())

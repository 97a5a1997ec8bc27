# behavior: asyncio-only
# expect-flag: AM103 [needs-review] asyncio.Condition() kept: a task waiting on it at line 19 may be cancelled through asyncio (asyncio.create_task kept at line 23)
# expect-flag: AM103 [needs-review] asyncio.Semaphore() kept: a task waiting on it at line 37 may be cancelled through asyncio (asyncio.create_task kept at line 37)
# expect-output: (['waiting'], True, False)
# expect-output: (True, True)
# A waiter cancelled through asyncio (task.cancel() on a kept task) while it waits on a Condition
# or a Semaphore: asyncio's primitives pass the wake-up on to the next waiter and keep the lock
# state; anyio's, driven by a native cancellation, do not (CPython's test_locks: five tests).
import asyncio


async def condition_waiter():
    cond = asyncio.Condition()
    state = []

    async def wait_on_cond():
        async with cond:
            state.append("waiting")
            await cond.wait()

    waiter = asyncio.create_task(wait_on_cond())
    await asyncio.sleep(0)
    await cond.acquire()
    cond.notify()
    await asyncio.sleep(0)
    waiter.cancel()
    await asyncio.sleep(0)
    cond.release()
    await asyncio.sleep(0)
    return state, waiter.cancelled(), cond.locked()


async def semaphore_waiters():
    sem = asyncio.Semaphore(0)
    first = asyncio.create_task(sem.acquire())
    second = asyncio.create_task(sem.acquire())
    await asyncio.sleep(0)
    first.cancel()
    sem.release()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    outcome = (first.cancelled(), second.done())
    if not second.done():
        sem.release()
        await second
    return outcome


async def main():
    print(await condition_waiter())
    print(await semaphore_waiters())


asyncio.run(main())
# migrate-args: --unsafe-fixes

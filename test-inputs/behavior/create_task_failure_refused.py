# behavior: asyncio-only
# expect-flag: AM205 [needs-review] asyncio.create_task() kept: `replicate` runs as a task (`create_task` at line
# expect-flag: AM205 [needs-review] asyncio.create_task() kept: a task that fails while this function awaits (line
# expect-output: ['between: after the sleep', 'wrote b'] True True
# Tasks started with create_task() and awaited in the same block. `replicate` gathers two writes,
# and runs as a worker task the program outlives: when write a fails, asyncio leaves write b running
# (it lands); a task group would cancel it. `between` awaits a sleep while its task fails and logs
# after it: asyncio runs that code and raises the failure at `await t`; a task group cancels the
# sleep and the log is lost. The session-start migration printed `[] True True`. Both kept.
import asyncio

log = []


async def write(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise ConnectionError(f"{name} down")
    log.append(f"wrote {name}")


async def replicate():
    a = asyncio.create_task(write("a", 0.05, fail=True))
    b = asyncio.create_task(write("b", 0.3))
    await asyncio.gather(a, b)


async def between():
    t = asyncio.create_task(write("c", 0.05, fail=True))
    await asyncio.sleep(0.2)
    log.append("between: after the sleep")
    await t


async def main():
    worker = asyncio.create_task(replicate())
    other = asyncio.create_task(between())
    await asyncio.sleep(0.8)
    print(log, worker.done(), other.done())


asyncio.run(main())

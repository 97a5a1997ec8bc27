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



async def exact():
    # One task and nothing between: its failure is raised by `await t` in both.
    t = asyncio.create_task(write("d", 0.05))
    await t


async def together():
    # Two tasks reaching asyncio.run() with nothing on the way: the same output.
    a = asyncio.create_task(write("e", 0.05))
    b = asyncio.create_task(write("f", 0.1))
    await asyncio.gather(a, b)


async def main():
    worker = asyncio.create_task(replicate())
    other = asyncio.create_task(between())
    await exact()
    await together()
    await asyncio.sleep(0.8)
    print(log, worker.done(), other.done())


async def public():
    t = asyncio.create_task(write("g", 0.05))
    log.append("started")
    await t


asyncio.run(main())

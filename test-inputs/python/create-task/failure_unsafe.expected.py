import asyncio

import anyio

log = []


async def write(name, delay, fail=False):
    await anyio.sleep(delay)
    if fail:
        raise ConnectionError(f"{name} down")
    log.append(f"wrote {name}")


async def replicate():
    a = asyncio.create_task(write("a", 0.05, fail=True))
    b = asyncio.create_task(write("b", 0.3))
    await asyncio.gather(a, b)


async def between():
    t = asyncio.create_task(write("c", 0.05, fail=True))
    await anyio.sleep(0.2)
    log.append("between: after the sleep")
    await t



async def exact():
    # One task and nothing between: its failure is raised by `await t` in both.
    async with anyio.create_task_group() as tg:
        tg.start_soon(write, "d", 0.05)


async def together():
    # Two tasks reaching asyncio.run() with nothing on the way: the same output.
    async with anyio.create_task_group() as tg:
        tg.start_soon(write, "e", 0.05)
        tg.start_soon(write, "f", 0.1)


async def main():
    worker = asyncio.create_task(replicate())
    other = asyncio.create_task(between())
    await exact()
    await together()
    await anyio.sleep(0.8)
    print(log, worker.done(), other.done())


async def public():
    async with anyio.create_task_group() as tg:
        tg.start_soon(write, "g", 0.05)
        log.append("started")


anyio.run(main)

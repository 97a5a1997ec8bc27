import asyncio

log = []


async def fetch(name):
    await asyncio.sleep(0.1)
    log.append(name)


async def flush(name):
    try:
        await asyncio.sleep(1)
    finally:
        await asyncio.sleep(0)
        log.append(name)


async def stubborn():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        log.append("stubborn")


async def logs_end(name):
    try:
        await asyncio.sleep(1)
    finally:
        log.append(name)


async def exact():
    # Its failure goes straight to asyncio.run(): nothing tells the two apart.
    await asyncio.gather(fetch("a"), fetch("b"))


async def cleanup_awaits():
    await asyncio.gather(fetch("a"), flush("b"))


async def cleanup_swallows():
    await asyncio.gather(fetch("a"), stubborn())


async def finally_awaits():
    try:
        await asyncio.gather(fetch("a"), fetch("b"))
    finally:
        await asyncio.sleep(0)


async def finally_beside_cleanup():
    try:
        await asyncio.gather(fetch("a"), logs_end("b"))
    finally:
        log.append("done")


async def finally_alone():
    # A finally that does not await, and no cleanup in the others: the same order.
    try:
        await asyncio.gather(fetch("a"), fetch("b"))
    finally:
        log.append("done")


async def session():
    async with asyncio.timeout(5):
        await asyncio.gather(fetch("a"), fetch("b"))


async def in_caller():
    await asyncio.gather(fetch("a"), fetch("b"))


async def closes_after():
    try:
        await in_caller()
    finally:
        await asyncio.sleep(0)


async def background():
    await asyncio.gather(fetch("a"), fetch("b"))


async def main():
    await exact()
    await cleanup_awaits()
    await cleanup_swallows()
    await finally_awaits()
    await finally_beside_cleanup()
    await finally_alone()
    await session()
    await closes_after()
    task = asyncio.create_task(background())
    await asyncio.sleep(1)
    print(log, task.done())


async def callback():
    await asyncio.gather(fetch("a"), fetch("b"))


async def public():
    await asyncio.gather(fetch("a"), fetch("b"))


def later(loop):
    loop.call_soon(callback)


asyncio.run(main())

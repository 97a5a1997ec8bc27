import asyncio

import anyio


async def write(rows, row):
    await anyio.sleep(0)
    rows.append(row)


async def save(rows, row):
    # Run by main(), whose handler awaits a shutdown after a Ctrl-C cancelled it natively
    # (asyncio.run below): kept.
    await asyncio.shield(write(rows, row))


async def archive(rows, row):
    # Run only by the worker of the second runner, whose main coroutine re-raises at once: migrated.
    await asyncio.shield(write(rows, row))


async def shutdown(rows):
    await anyio.sleep(0)
    rows.clear()


async def main(rows):
    try:
        await save(rows, "row")
    except anyio.get_cancelled_exc_class():
        with anyio.CancelScope(shield=True):
            await shutdown(rows)
        raise


async def worker(rows):
    try:
        await archive(rows, "row")
    finally:
        rows.append("done")


def serve():
    anyio.run(main, [])


def batch():
    anyio.run(worker, [])

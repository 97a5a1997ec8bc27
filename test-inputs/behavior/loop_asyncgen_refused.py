# behavior: asyncio-only
# expect-flag: AM211 [needs-review] hand-driven event loop kept: the async generator `rows` (line 16) has cleanup
# expect-output: 2 []
# A report job reads rows from an async generator until it finds the one it wants and leaves
# the loop. run_until_complete() returns as soon as main does; the generator's aclose() that
# its finaliser schedules never runs (loop.close() drops it), so its finally never runs
# (asyncio prints `2 []`). anyio.run() is asyncio.run(), whose shutdown_asyncgens() closes the
# generator: the old migration printed `2 ['cursor closed']`. Kept.
import asyncio

log = []


async def rows():
    try:
        for row in range(10):
            yield row
            await asyncio.sleep(0)
    finally:
        log.append("cursor closed")


async def main():
    async for row in rows():
        if row == 2:
            break
    return row


def run():
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    result = loop.run_until_complete(main())
    loop.close()
    return result


print(run(), log)

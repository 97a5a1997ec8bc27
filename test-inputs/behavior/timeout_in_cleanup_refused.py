# behavior: asyncio-only
# expect-flag: AM203 [needs-review] asyncio.timeout() kept: it runs in the `finally` block at line
# expect-flag: while asyncio may be cancelling the task (asyncio.timeout kept at line
# expect-output: ['request timed out']
# A request handler under a timeout whose `finally` flushes a log buffer with a timeout of its own.
# The request's timeout is kept (its cleanup awaits), so the flush runs while asyncio cancels the
# task natively: asyncio's inner timeout gives way to that cancellation and the request ends in
# TimeoutError. anyio's fail_after there raised its own TimeoutError ("flush timed out") and left
# its cancel request on the task: the request's asyncio.timeout then raised CancelledError, which
# escaped. The flush's timeout is kept, naming the request's.
import asyncio

log = []


async def flush(buffer):
    try:
        async with asyncio.timeout(0.05):
            await asyncio.sleep(0.5)  # a slow log sink
        buffer.clear()
    except TimeoutError:
        log.append("flush timed out")


async def handle(buffer):
    async with asyncio.timeout(0.05):
        try:
            await asyncio.sleep(1)  # the request
        finally:
            await flush(buffer)


async def main():
    try:
        await handle([1])
    except TimeoutError:
        log.append("request timed out")
    print(log)


asyncio.run(main())

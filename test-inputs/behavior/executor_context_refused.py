# behavior: asyncio-only
# expect-flag: AM210 [needs-review] loop.run_in_executor() kept: the function it runs uses context variables (`request_id.get()` of a ContextVar
# expect-output: -
# An audit hook run in the default executor reads the request id. run_in_executor runs it in
# the worker thread's own context (the id is unset there: "-"); anyio.to_thread.run_sync copies
# the caller's context into the thread, so after the old migration it printed "r7". Kept.
import asyncio
import contextvars

request_id = contextvars.ContextVar("request_id", default="-")


def audit():
    return request_id.get()


async def main():
    request_id.set("r7")
    loop = asyncio.get_running_loop()
    print(await loop.run_in_executor(None, audit))


asyncio.run(main())

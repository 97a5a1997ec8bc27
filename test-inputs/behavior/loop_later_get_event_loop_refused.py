# behavior: asyncio-only
# expect-flag: AM211 [needs-review] hand-driven event loop kept: `asyncio.get_event_loop()` at line
# expect-output: served open
# A CLI serves one request through the current event loop, then reports the loop's state.
# After run_until_complete() the loop is still the current one (asyncio prints `served open`);
# after anyio.run() (asyncio.run) there is no current event loop, so the old migration ended
# in `RuntimeError: There is no current event loop in thread 'MainThread'.` Kept.
import asyncio


async def main():
    await asyncio.sleep(0)
    return "served"


def serve():
    loop = asyncio.get_event_loop()
    result = loop.run_until_complete(main())
    return result


def status():
    loop = asyncio.get_event_loop()
    return "closed" if loop.is_closed() else "open"


print(serve(), status())

# behavior: asyncio-only
# expect-flag: AM202 [needs-review] asyncio.wait_for() kept: before Python 3.12 it runs the awaitable in a task of its own, and the awaitable's code uses that task: `request_id.set()` of a ContextVar (line
# expect-flag: AM202 [needs-review] asyncio.wait_for() kept: before Python 3.12 it runs the awaitable in a task of its own, and the awaitable's code uses that task: `anyio.get_running_tasks` (line
# Before Python 3.12, asyncio.wait_for runs its coroutine in a task of its own (CPython's
# test_futures2 counts on it): a ContextVar the coroutine sets is gone when wait_for returns,
# and asyncio.all_tasks() there includes that task. fail_after runs the coroutine in the caller's
# task, so the migrated program printed "r1" and 1. (AM216 turns all_tasks() into
# anyio.get_running_tasks() in the first round; the flag names what the check sees then.)
import asyncio
import contextvars

request_id = contextvars.ContextVar("request_id", default="-")


async def tagged(value):
    request_id.set(value)
    await asyncio.sleep(0)


async def handle():
    await asyncio.wait_for(tagged("r1"), 5)
    return request_id.get()


async def count_tasks():
    return len(asyncio.all_tasks())


async def main():
    print(await handle())
    print(await asyncio.wait_for(count_tasks(), 5))


asyncio.run(main())

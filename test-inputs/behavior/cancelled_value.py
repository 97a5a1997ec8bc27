# asyncio.CancelledError used as a value inside async code (isinstance, a comparison, suppress):
# anyio.get_cancelled_exc_class() evaluated there is the running backend's class, asyncio's own
# on asyncio and trio.Cancelled on trio, so the checks answer the same.
import asyncio
import contextlib


async def job(seen):
    try:
        await asyncio.sleep(10)
    except BaseException as e:
        seen.append(isinstance(e, asyncio.CancelledError))
        seen.append(type(e) is asyncio.CancelledError or type(e).__name__ == "Cancelled")
        raise


async def main():
    seen = []
    try:
        await asyncio.wait_for(job(seen), 0.05)
    except asyncio.TimeoutError:
        seen.append("timeout")
    with contextlib.suppress(asyncio.CancelledError):
        seen.append("suppress entered")
    print(seen)


asyncio.run(main())

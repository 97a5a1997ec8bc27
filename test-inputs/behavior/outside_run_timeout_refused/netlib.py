# A library the run does not include (migrate-args excludes it): its coroutine sends a close
# frame when it is cancelled, awaiting that cleanup once, as asyncio delivers a cancellation once.
import asyncio


async def fetch(log):
    try:
        await asyncio.sleep(1)  # a slow response
    except asyncio.CancelledError:
        await asyncio.sleep(0.01)  # the close frame
        log.append("closed cleanly")
        raise

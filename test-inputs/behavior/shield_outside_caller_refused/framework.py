# A server framework the run does not include (migrate-args excludes it): it runs a request
# handler in a task of its own and cancels it when the client goes away.
import asyncio


async def serve(handler, log):
    task = asyncio.ensure_future(handler(log))
    await asyncio.sleep(0.05)
    task.cancel()  # the client disconnected
    try:
        await task
    except asyncio.CancelledError:
        log.append("handler cancelled")

import asyncio


async def wait_for(fut, timeout):
    # A driver's compatibility wrapper (asyncpg's compat.wait_for): the timeout is asyncio's.
    fut = asyncio.ensure_future(fut)
    try:
        return await asyncio.wait_for(fut, timeout)
    except asyncio.CancelledError:
        if fut.done():
            return fut.result()
        raise

import asyncio


async def flush():
    async with asyncio.timeout(0.5):
        await asyncio.sleep(0.01)


async def nested_in_finally():
    # The outer timeout is kept (its finally awaits): the task is cancelled natively there, so the
    # timeouts entered in the finally, here and in flush(), stay asyncio's.
    async with asyncio.timeout(0.01):
        try:
            await asyncio.sleep(1)
        finally:
            async with asyncio.timeout(0.01):
                await asyncio.sleep(10)
            await asyncio.wait_for(asyncio.sleep(0), 1)
            await flush()


async def nothing_cancels_natively():
    try:
        await asyncio.sleep(0)
    finally:
        async with asyncio.timeout(1):
            await asyncio.sleep(0)

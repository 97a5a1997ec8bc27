"""A client module that keeps asyncio's own timeout (as a library would): the
asyncio.TimeoutError it raises escapes poll()."""
import asyncio


async def poll(delay):
    async with asyncio.timeout(0.05):  # anymig: ignore[AM203]
        await asyncio.sleep(delay)

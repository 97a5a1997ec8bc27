"""A client module that keeps asyncio's own timeout (as a library would): the
asyncio.TimeoutError it raises escapes poll()."""
import asyncio


async def poll(delay):
    return await asyncio.wait_for(asyncio.sleep(delay), 0.05)  # anymig: ignore[AM202]

import asyncio

import anyio


async def fallback():
    try:
        await anyio.sleep(1)
    except asyncio.CancelledError:
        return "stale"


async def fresh():
    return "fresh"


async def main():
    try:
        a = await asyncio.wait_for(fresh(), 1)
        b = await asyncio.wait_for(fallback(), 1)
    except asyncio.TimeoutError:
        a = b = None
    return a, b

import asyncio

import anyio


async def poll():
    await anyio.sleep(0)
    return "item"


async def main(t):
    a = await asyncio.wait_for(poll(), 0)  # kept
    b = await asyncio.wait_for(poll(), -1)  # kept
    c = await asyncio.wait_for(poll(), timeout=0.0)  # kept
    with anyio.fail_after(0.5):
        d = await poll()  # migrated
    with anyio.fail_after(t):
        e = await poll()  # migrated (not a literal)
    return a, b, c, d, e

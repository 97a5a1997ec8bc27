import asyncio


async def poll():
    await asyncio.sleep(0)
    return "item"


async def main(t):
    a = await asyncio.wait_for(poll(), 0)  # kept
    b = await asyncio.wait_for(poll(), -1)  # kept
    c = await asyncio.wait_for(poll(), timeout=0.0)  # kept
    d = await asyncio.wait_for(poll(), 0.5)  # migrated
    e = await asyncio.wait_for(poll(), t)  # migrated (not a literal)
    return a, b, c, d, e

"""Fetching with timeouts: asyncio.wait_for, asyncio.TimeoutError and CancelledError handlers."""
import asyncio

EVENTS = []


class Source:
    """A fake remote store: "slow" never answers in time."""

    async def get(self, key):
        if key == "slow":
            try:
                await asyncio.sleep(5)
            except asyncio.CancelledError:
                EVENTS.append(f"{key} cancelled")
                raise
        await asyncio.sleep(0)
        return key.upper()


async def fetch_one(source, key):
    try:
        value = await asyncio.wait_for(source.get(key), timeout=0.05)
    except asyncio.TimeoutError:
        return f"{key}:timeout"
    return f"{key}:{value}"


async def fetch_many(keys):
    source = Source()
    out = []
    for key in keys:
        out.append(await fetch_one(source, key))
    return out


async def close_quietly(conn):
    """Cleanup that awaits inside the handler: needs a shielded scope under anyio."""
    try:
        await conn.wait_closed()
    except asyncio.CancelledError:
        await conn.abort()
        raise

"""A package that re-exports asyncio names for its modules."""
from asyncio import sleep, Event

import anyio


async def tick():
    await anyio.sleep(0)
    await anyio.sleep(0)

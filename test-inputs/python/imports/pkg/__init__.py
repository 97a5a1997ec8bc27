"""A package that re-exports asyncio names for its modules."""
from asyncio import sleep, Event
import asyncio


async def tick():
    await sleep(0)
    await asyncio.sleep(0)

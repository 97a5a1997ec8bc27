from __future__ import nonsense
import asyncio


async def main_():
    await asyncio.sleep(1)

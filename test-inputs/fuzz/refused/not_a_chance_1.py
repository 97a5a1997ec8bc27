from __future__ import braces
import asyncio


async def main_():
    await asyncio.sleep(1)

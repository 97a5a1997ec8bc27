x = 1; from __future__ import annotations
import asyncio


async def main_():
    await asyncio.sleep(1)

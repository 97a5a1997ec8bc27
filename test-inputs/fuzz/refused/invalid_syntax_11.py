from __future__ import barry_as_FLUFL
if 1 <> 2: pass
import asyncio


async def main_():
    await asyncio.sleep(1)

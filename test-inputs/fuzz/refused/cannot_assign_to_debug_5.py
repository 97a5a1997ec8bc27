import asyncio

import a as __debug__


async def main_():
    await asyncio.sleep(1)

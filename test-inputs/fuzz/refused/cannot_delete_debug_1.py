import asyncio

del __debug__


async def main_():
    await asyncio.sleep(1)

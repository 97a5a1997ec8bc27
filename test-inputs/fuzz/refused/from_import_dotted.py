import asyncio

from myservice import settinasyncio.rungs


async def main_():
    await asyncio.sleep(1)

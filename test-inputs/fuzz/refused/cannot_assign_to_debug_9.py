import asyncio

class __debug__: pass


async def main_():
    await asyncio.sleep(1)

import asyncio

def __debug__(): pass


async def main_():
    await asyncio.sleep(1)

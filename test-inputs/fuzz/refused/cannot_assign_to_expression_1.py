import asyncio

with m as a + 1: pass


async def main_():
    await asyncio.sleep(1)

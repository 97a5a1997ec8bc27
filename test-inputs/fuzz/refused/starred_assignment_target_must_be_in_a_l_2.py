import asyncio

with m as *a: pass


async def main_():
    await asyncio.sleep(1)

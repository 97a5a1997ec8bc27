import asyncio

with m as f(): pass


async def main_():
    await asyncio.sleep(1)

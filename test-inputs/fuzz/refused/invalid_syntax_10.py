import asyncio

if 1 <> 2: pass


async def main_():
    await asyncio.sleep(1)

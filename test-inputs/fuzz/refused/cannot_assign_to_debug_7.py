import asyncio

for __debug__ in x: pass


async def main_():
    await asyncio.sleep(1)

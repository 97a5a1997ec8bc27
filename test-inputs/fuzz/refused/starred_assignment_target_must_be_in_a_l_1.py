import asyncio

for *a in b: pass


async def main_():
    await asyncio.sleep(1)

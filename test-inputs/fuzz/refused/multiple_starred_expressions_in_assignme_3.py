import asyncio

for *a, *b in c: pass


async def main_():
    await asyncio.sleep(1)

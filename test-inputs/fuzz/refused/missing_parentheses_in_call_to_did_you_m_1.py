import asyncio

print x, y


async def main_():
    await asyncio.sleep(1)

import asyncio

lambda **k, a: 0


async def main_():
    await asyncio.sleep(1)

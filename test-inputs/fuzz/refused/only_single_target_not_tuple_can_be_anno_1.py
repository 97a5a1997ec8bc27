import asyncio

(a, b): int = 1


async def main_():
    await asyncio.sleep(1)

import asyncio

class C:
    return 1


async def main_():
    await asyncio.sleep(1)

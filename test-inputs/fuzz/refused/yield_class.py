import asyncio

class C:
    yield 1


async def main_():
    await asyncio.sleep(1)

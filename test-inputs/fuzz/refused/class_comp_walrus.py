import asyncio

class C:
    [(y := x) for x in z]


async def main_():
    await asyncio.sleep(1)

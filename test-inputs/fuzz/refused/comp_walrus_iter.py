import asyncio

[x for x in (y := [1])]


async def main_():
    await asyncio.sleep(1)

import asyncio

[x := 1 for x in y]


async def main_():
    await asyncio.sleep(1)

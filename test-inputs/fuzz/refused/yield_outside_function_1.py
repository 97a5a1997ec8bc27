import asyncio

x = yield *a


async def main_():
    await asyncio.sleep(1)

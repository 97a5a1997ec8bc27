import asyncio

f(**a, b)


async def main_():
    await asyncio.sleep(1)

import asyncio

f(**k, *a)


async def main_():
    await asyncio.sleep(1)

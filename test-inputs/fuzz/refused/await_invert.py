import asyncio


async def work():
    await asyncio.sleep(1)
    return 2


async def main():
    return await ~work()

import asyncio

exec 'a' in d


async def main_():
    await asyncio.sleep(1)

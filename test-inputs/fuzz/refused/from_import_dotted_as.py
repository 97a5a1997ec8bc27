import asyncio

from m import a.b as c


async def main_():
    await asyncio.sleep(1)

import asyncio

exec x


async def main_():
    await asyncio.sleep(1)

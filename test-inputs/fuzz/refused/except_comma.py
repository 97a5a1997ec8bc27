import asyncio

try:
    pass
except ValueError, e:
    pass


async def main_():
    await asyncio.sleep(1)

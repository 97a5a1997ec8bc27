import asyncio

print 'hello'


async def main_():
    await asyncio.sleep(1)

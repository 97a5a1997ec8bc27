import asyncio

print(x)
global x


async def main_():
    await asyncio.sleep(1)

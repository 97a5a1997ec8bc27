import asyncio

for x in y:
    def g():
        continue


async def main_():
    await asyncio.sleep(1)

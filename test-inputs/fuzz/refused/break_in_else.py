import asyncio

for x in y:
    pass
else:
    break


async def main_():
    await asyncio.sleep(1)

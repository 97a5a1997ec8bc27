import asyncio

for x in y:
    try:
        pass
    except* ValueError:
        break


async def main_():
    await asyncio.sleep(1)

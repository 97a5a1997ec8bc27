import asyncio

try:
    pass
except:
    pass
except ValueError:
    pass


async def main_():
    await asyncio.sleep(1)

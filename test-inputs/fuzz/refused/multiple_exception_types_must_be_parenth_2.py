import asyncio

try: pass
except A, B: pass


async def main_():
    await asyncio.sleep(1)

import asyncio

try: pass
except (A, B), e: pass


async def main_():
    await asyncio.sleep(1)

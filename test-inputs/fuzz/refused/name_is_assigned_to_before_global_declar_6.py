import asyncio

class C:
  x = 1
  global x


async def main_():
    await asyncio.sleep(1)

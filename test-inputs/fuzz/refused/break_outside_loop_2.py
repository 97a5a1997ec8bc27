import asyncio

while x:
  class C:
    break


async def main_():
    await asyncio.sleep(1)

import asyncio

async def f():
  for x in y:
    def g():
      break


async def main_():
    await asyncio.sleep(1)

import asyncio

def f():
  for x in y: pass
  global x


async def main_():
    await asyncio.sleep(1)

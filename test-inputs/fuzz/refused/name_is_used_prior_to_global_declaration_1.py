import asyncio

def f():
  x.y = 1
  global x


async def main_():
    await asyncio.sleep(1)

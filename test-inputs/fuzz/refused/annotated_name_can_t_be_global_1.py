import asyncio

def f():
  global x
  x: int = 1


async def main_():
    await asyncio.sleep(1)

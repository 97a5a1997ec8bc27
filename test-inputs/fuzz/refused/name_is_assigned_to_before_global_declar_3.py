import asyncio

def f():
  def x(): pass
  global x


async def main_():
    await asyncio.sleep(1)

import asyncio

def f():
  x = 1
  def g():
    x = 2
    nonlocal x


async def main_():
    await asyncio.sleep(1)

import asyncio

def f():
  def g():
    nonlocal x
    x = 1


async def main_():
    await asyncio.sleep(1)

import asyncio

def f():
  x = 1
  def g(x):
    nonlocal x


async def main_():
    await asyncio.sleep(1)

import asyncio

def f():
  global x
  def g():
    nonlocal x


async def main_():
    await asyncio.sleep(1)

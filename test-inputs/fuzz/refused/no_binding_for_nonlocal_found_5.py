import asyncio

def f():
  print(x)
  def g():
    nonlocal x


async def main_():
    await asyncio.sleep(1)

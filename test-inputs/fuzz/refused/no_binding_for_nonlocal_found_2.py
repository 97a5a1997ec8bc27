import asyncio

def f():
  [z for x in y]
  def g():
    nonlocal x


async def main_():
    await asyncio.sleep(1)

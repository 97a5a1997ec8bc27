import asyncio

def f():
  del x
  global x


async def main_():
    await asyncio.sleep(1)

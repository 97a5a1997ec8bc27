import asyncio

async def f():
  class C: [await x for x in y]


async def main_():
    await asyncio.sleep(1)

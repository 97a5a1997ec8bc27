import asyncio

class C:
  from os import *


async def main_():
    await asyncio.sleep(1)

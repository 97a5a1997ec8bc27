import asyncio

def f():
    from os import *


async def main_():
    await asyncio.sleep(1)

import asyncio

class C:
    x = 1
    def f(self):
        nonlocal x


async def main_():
    await asyncio.sleep(1)

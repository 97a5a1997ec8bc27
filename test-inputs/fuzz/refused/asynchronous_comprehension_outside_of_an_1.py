import asyncio

def f(): [[await x for x in xs] for xs in y]


async def main_():
    await asyncio.sleep(1)

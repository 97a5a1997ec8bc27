import asyncio

def f(): [[x async for x in xs] for xs in y]


async def main_():
    await asyncio.sleep(1)

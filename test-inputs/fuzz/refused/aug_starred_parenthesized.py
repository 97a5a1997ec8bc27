import asyncio

(*xs) += 1


async def main_():
    await asyncio.sleep(1)

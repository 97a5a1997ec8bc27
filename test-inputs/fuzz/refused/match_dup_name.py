import asyncio

match x:
    case [y, y]:
        pass


async def main_():
    await asyncio.sleep(1)

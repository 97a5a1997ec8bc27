import asyncio

match x:
    case [y] | [z]:
        pass


async def main_():
    await asyncio.sleep(1)

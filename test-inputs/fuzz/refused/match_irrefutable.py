import asyncio

match x:
    case y:
        pass
    case 1:
        pass


async def main_():
    await asyncio.sleep(1)

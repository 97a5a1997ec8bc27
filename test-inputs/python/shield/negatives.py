import asyncio


def shield(x):
    return x


async def main(save):
    # await asyncio.shield(save())
    await shield(save())
    await asyncio.sleep(0)

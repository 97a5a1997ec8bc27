import anyio


def shield(x):
    return x


async def main(save):
    # await asyncio.shield(save())
    await shield(save())
    await anyio.sleep(0)

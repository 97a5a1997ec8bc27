import anyio


def features():
    return {"anyio": True}


async def nap():
    await anyio.sleep(0)

import anyio


async def c():
    return 1


async def main():
    with anyio.fail_after(2):
        r = await c()
    return r

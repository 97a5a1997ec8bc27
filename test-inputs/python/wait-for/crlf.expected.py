import anyio


async def main(c):
    with anyio.fail_after(2):
        r = await c()
    return r

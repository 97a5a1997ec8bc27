import anyio


async def fetch(n):
    await anyio.sleep(0.01)
    return n


async def main(url, limit):
    with anyio.fail_after(5):
        await fetch(1)
    with anyio.fail_after(limit):
        value = await fetch(2)  # keep me
    total = 0
    with anyio.fail_after(1.5):
        total += await fetch(3)
    if value:
        with anyio.fail_after(10):
            data = await fetch(
                    url,
                )
    with anyio.fail_after(limit * 2):
        return await fetch(4)


async def no_timeout():
    await fetch(5)
    print(await fetch(6))

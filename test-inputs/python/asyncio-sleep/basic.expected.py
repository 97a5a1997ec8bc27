import anyio


async def tick(delay):
    await anyio.sleep(delay)
    await anyio.sleep(0)
    await anyio.sleep(delay=0.5)
    await anyio.sleep(
        1,  # one second
    )

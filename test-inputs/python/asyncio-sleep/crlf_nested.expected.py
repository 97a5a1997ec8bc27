import anyio


async def outer():
    async def inner():
        await anyio.sleep(1)

    fn = lambda: anyio.sleep(2)
    await inner()
    await fn()

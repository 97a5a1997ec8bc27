import anyio


async def elapsed():
    start = anyio.current_time()
    await anyio.sleep(0.01)
    return anyio.current_time() - start

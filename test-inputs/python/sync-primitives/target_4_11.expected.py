import anyio


async def condition():
    cond = anyio.Condition()
    async with cond:
        await cond.wait_for(lambda: True)


EVENT = anyio.Event()

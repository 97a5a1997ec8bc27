import asyncio

import anyio


async def tick():
    await anyio.sleep(0)


def coroutine_object():
    coro = tick()
    asyncio.get_event_loop().run_until_complete(coro)

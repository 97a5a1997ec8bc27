import asyncio
import contextvars

import anyio

request_id = contextvars.ContextVar("request_id", default="-")


async def tagged(value):
    request_id.set(value)
    await anyio.sleep(0)
    return value


async def handle():
    await asyncio.wait_for(tagged("r1"), 1)
    return request_id.get()


async def who():
    return anyio.get_current_task().name


async def named():
    return await asyncio.wait_for(who(), 1)


async def plain():
    with anyio.fail_after(1):
        await anyio.sleep(0)

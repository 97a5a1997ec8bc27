import asyncio
import contextvars

request_id = contextvars.ContextVar("request_id", default="-")


async def tagged(value):
    request_id.set(value)
    await asyncio.sleep(0)
    return value


async def handle():
    await asyncio.wait_for(tagged("r1"), 1)
    return request_id.get()


async def who():
    return asyncio.current_task().get_name()


async def named():
    return await asyncio.wait_for(who(), 1)


async def plain():
    await asyncio.wait_for(asyncio.sleep(0), 1)

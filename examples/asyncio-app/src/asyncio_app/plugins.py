"""Plugin registry: handlers may be plain functions or coroutine functions."""
import asyncio as aio

_HANDLERS = []


def register(func):
    _HANDLERS.append(func)
    return func


@register
def ping_sync(message):
    return f"sync:{message}"


@register
async def ping_async(message):
    await aio.sleep(0)
    return f"async:{message}"


async def call(handler, message):
    # asyncio.iscoroutinefunction tells the two kinds apart
    if aio.iscoroutinefunction(handler):
        return await handler(message)
    result = handler(message)
    if aio.iscoroutine(result):  # a sync wrapper returning a coroutine
        return await result
    return result


async def run_all(message):
    return [await call(h, message) for h in _HANDLERS]

import asyncio


async def fetch(client):
    try:
        return await client.get()
    except TimeoutError:
        return None


async def still_asyncio(coro):
    try:
        return await asyncio.wait_for(coro, 1)
    except (TimeoutError, ValueError):
        return None


def make():
    raise TimeoutError()

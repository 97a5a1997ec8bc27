import contextlib

import anyio


@contextlib.asynccontextmanager
async def timeout(t):
    yield


async def main(fetch):
    async with timeout(1):
        await fetch()
    # async with asyncio.timeout(1):
    await anyio.sleep(0)

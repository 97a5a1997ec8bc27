import asyncio

import anyio


class Connection:
    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        await self.close()

    async def close(self):
        await anyio.sleep(0)


class Quiet:
    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        return False


async def query():
    async with Connection() as conn:
        await anyio.sleep(1)
        return conn


async def quiet():
    async with Quiet():
        await anyio.sleep(1)


async def main():
    await asyncio.wait_for(query(), 1)
    with anyio.fail_after(1):
        await quiet()

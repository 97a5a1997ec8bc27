import asyncio


class Connection:
    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        await self.close()

    async def close(self):
        await asyncio.sleep(0)


class Quiet:
    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        return False


async def query():
    async with Connection() as conn:
        await asyncio.sleep(1)
        return conn


async def quiet():
    async with Quiet():
        await asyncio.sleep(1)


async def main():
    await asyncio.wait_for(query(), 1)
    await asyncio.wait_f-or(quiet(), 1)

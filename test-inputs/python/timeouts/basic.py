import asyncio


async def fetch():
    return 1


async def main(limit):
    async with asyncio.timeout(5):
        await fetch()
    async with asyncio.timeout(delay=limit):  # configured
        await fetch()
        await fetch()
    async with asyncio.timeout(None):
        await fetch()
    try:
        async with asyncio.timeout(0.1):
            await fetch()
    except TimeoutError:
        pass

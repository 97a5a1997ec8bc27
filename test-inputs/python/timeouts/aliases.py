import asyncio as aio
from asyncio import timeout


async def main(fetch):
    async with aio.timeout(1):
        await fetch()
    async with timeout(2):
        await fetch()

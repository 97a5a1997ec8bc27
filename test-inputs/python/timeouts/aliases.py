import asyncio as aio
from asyncio import timeout


async def fetch():
    return 1


async def main():
    async with aio.timeout(1):
        await fetch()
    async with timeout(2):
        await fetch()

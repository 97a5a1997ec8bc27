import anyio
from asyncio import subprocess


async def main():
    await anyio.sleep(1)

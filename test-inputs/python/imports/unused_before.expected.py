from asyncio import subprocess

import anyio


async def main():
    await anyio.sleep(1)

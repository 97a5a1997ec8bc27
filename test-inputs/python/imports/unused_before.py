import asyncio
from asyncio import subprocess


async def main():
    await asyncio.sleep(1)

import asyncio as aio
from asyncio import sleep, sleep as nap


async def tick():
    await aio.sleep(1)
    await sleep(2)
    await nap(3)

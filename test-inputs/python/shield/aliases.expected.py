from asyncio import shield as protect
import asyncio as aio


async def main(save):
    await protect(save())
    await aio.shield(save())

from asyncio import create_task as spawn
import asyncio as aio


async def main(fetch):
    t = spawn(fetch(1))
    u = aio.create_task(fetch(2))
    x = await t
    y = await u
    return x, y

import asyncio

import anyio


async def save(record):
    await anyio.sleep(0.01)
    return record


async def main(record):
    await asyncio.shield(save(record))  # must finish
    saved = await asyncio.shield(save(record))
    if saved:
        return await asyncio.shield(save(record))


async def result_taken():
    result = 1
    return await asyncio.shield(save(result))

import asyncio

import anyio


async def sometimes(log, strict):
    try:
        await anyio.sleep(1)
    except asyncio.CancelledError:
        if strict:
            raise
        log.append("swallowed")


async def raises_other():
    try:
        await anyio.sleep(1)
    except asyncio.CancelledError:
        raise RuntimeError("cancelled")


async def returns_early(log):
    for _ in range(3):
        try:
            await anyio.sleep(1)
        except asyncio.CancelledError:
            if log:
                break
            raise

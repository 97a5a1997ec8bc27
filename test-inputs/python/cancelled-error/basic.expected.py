import asyncio

import anyio


async def reraises(log):
    try:
        await anyio.sleep(1)
    except anyio.get_cancelled_exc_class():
        log.append("cancelled")
        raise


async def swallows():
    try:
        await anyio.sleep(1)
    except asyncio.CancelledError:
        return "swallowed"


async def awaits_in_cleanup(conn):
    try:
        await anyio.sleep(1)
    except anyio.get_cancelled_exc_class():
        with anyio.CancelScope(shield=True):
            await conn.close()
        raise


def sync_handler(fut):
    try:
        fut.result()
    except asyncio.CancelledError:
        raise


def is_cancel(exc):
    return isinstance(exc, asyncio.CancelledError)

import asyncio


async def reraises(log):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        log.append("cancelled")
        raise


async def swallows():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        return "swallowed"


async def awaits_in_cleanup(conn):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        await conn.close()
        raise


def sync_handler(fut):
    try:
        fut.result()
    except asyncio.CancelledError:
        raise


def is_cancel(exc):
    return isinstance(exc, asyncio.CancelledError)

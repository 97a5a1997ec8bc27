import asyncio


async def commit(log, slow):
    try:
        await asyncio.sleep(1 if slow else 0)
        log.append("committed")
        return "ok"
    except asyncio.CancelledError:
        await asyncio.sleep(0)
        log.append("rolled back")
        raise

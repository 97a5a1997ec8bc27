import asyncio


async def commit(log):
    await asyncio.sleep(0.5)
    log.append("committed")


async def save(log):
    # The commit must finish even when the request that asked for it is cancelled.
    await asyncio.shield(commit(log))
    log.append("saved")

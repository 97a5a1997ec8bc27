import asyncio

log = []


async def commit():
    await asyncio.sleep(0.5)
    log.append("committed")


async def save():
    # The commit must finish even when the service is stopped while it runs.
    await asyncio.shield(commit())

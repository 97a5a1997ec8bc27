import asyncio


async def commit(log, batch):
    await asyncio.sleep(0.05)
    log.append(f"committed {batch}")


async def save(log, batch):
    # The commit must finish even when the job that asked for it is cancelled.
    await asyncio.shield(commit(log, batch))
    log.append(f"saved {batch}")

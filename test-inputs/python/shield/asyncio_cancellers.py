import asyncio

import anyio


async def commit(db):
    await asyncio.shield(db.commit())


async def caller(db):
    task = asyncio.ensure_future(commit(db))
    await asyncio.sleep(0)
    task.cancel()

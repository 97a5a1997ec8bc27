import asyncio


async def commit(db):
    await asyncio.shield(db.commit())


async def caller(db):
    print(await asyncio.wait_for(commit(db), 1))

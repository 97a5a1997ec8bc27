import asyncio

import anyio


async def commit(db):
    await asyncio.shield(db.commit())


async def caller(db):
    with anyio.move_on_after(1) as scope:
        async with anyio.create_task_group() as tg:
            tg.start_soon(commit, db)
            scope.cancel()
            tg.cancel_scope.cancel()

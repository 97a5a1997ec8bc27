import asyncio

import anyio


async def save(order):
    await anyio.sleep(0.3)


async def handle(order):
    await asyncio.shield(save(order))  # a timeout below reaches it: kept


async def audit(order):
    await asyncio.shield(save(order))  # no timeout reaches it: migrated


async def archive(order):
    await asyncio.shield(save(order))  # under anyio's own timeout: kept


async def request(order):
    with anyio.fail_after(0.05):
        await handle(order)
    await audit(order)


async def nightly(order):
    with anyio.move_on_after(5):
        await archive(order)

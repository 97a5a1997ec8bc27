import asyncio

import anyio


async def body_cleanup(conn):
    async with asyncio.timeout(1):
        try:
            await conn.read()
        finally:
            await conn.close()


async def body_shielded(conn):
    async with asyncio.timeout(1):
        try:
            await conn.read()
        except anyio.get_cancelled_exc_class():
            with anyio.CancelScope(shield=True):
                await conn.close()
            raise

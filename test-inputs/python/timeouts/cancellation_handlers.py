import asyncio


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
        except asyncio.CancelledError:
            await conn.close()
            raise

import asyncio

import anyio


class Session:
    async def close(self):
        await asyncio.sleep(0)

    async def serve(self, flush):
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            # cleanup first
            await self.close()
            if flush:
                await flush()
            raise


async def tuple_caught(conn):
    try:
        await asyncio.sleep(1)
    except (asyncio.CancelledError, ConnectionError):
        async with conn:
            pass
        raise


async def already_shielded(conn):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        with anyio.CancelScope(shield=True):
            await conn.close()
        raise


async def awaits_and_swallows(conn):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        await conn.close()


async def one_line(conn):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError: await conn.close(); raise

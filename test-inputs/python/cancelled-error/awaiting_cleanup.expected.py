import asyncio

import anyio


class Session:
    async def close(self):
        await anyio.sleep(0)

    async def serve(self, flush):
        try:
            await anyio.sleep(1)
        except anyio.get_cancelled_exc_class():
            # cleanup first
            with anyio.CancelScope(shield=True):
                await self.close()
                if flush:
                    await flush()
            raise


async def tuple_caught(conn):
    try:
        await anyio.sleep(1)
    except (anyio.get_cancelled_exc_class(), ConnectionError):
        with anyio.CancelScope(shield=True):
            async with conn:
                pass
        raise


async def already_shielded(conn):
    try:
        await anyio.sleep(1)
    except anyio.get_cancelled_exc_class():
        with anyio.CancelScope(shield=True):
            await conn.close()
        raise


async def awaits_and_swallows(conn):
    try:
        await anyio.sleep(1)
    except asyncio.CancelledError:
        await conn.close()


async def one_line(conn):
    try:
        await anyio.sleep(1)
    except asyncio.CancelledError: await conn.close(); raise

import asyncio

import anyio


async def fallback():
    try:
        await anyio.sleep(1)
        return "fresh"
    except asyncio.CancelledError:
        return "stale"


async def releases(lock):
    try:
        await anyio.sleep(1)
    finally:
        await lock.release()


async def catches_all(conn):
    try:
        await anyio.sleep(1)
    except BaseException:
        await conn.close()
        raise


async def inner(conn):
    await catches_all(conn)


async def cleans_up(conn):
    try:
        await anyio.sleep(1)
    except anyio.get_cancelled_exc_class():
        with anyio.CancelScope(shield=True):
            await conn.close()
        raise


async def reraises_only(log):
    try:
        await anyio.sleep(1)
    except BaseException:
        log.append("cancelled")
        raise
    finally:
        log.append("done")


class Client:
    async def _read(self):
        try:
            await anyio.sleep(1)
        except:
            return None

    async def read(self):
        return await asyncio.wait_for(self._read(), 1)


async def main(conn, lock, log):
    value = await asyncio.wait_for(fallback(), 1)
    await asyncio.wait_for(releases(lock), 1)
    await asyncio.wait_for(inner(conn), 1)
    with anyio.fail_after(1):
        await cleans_up(conn)
    with anyio.fail_after(1):
        await reraises_only(log)
    await asyncio.wait_for(conn.external(), 1)
    return value

import asyncio


async def fallback():
    try:
        await asyncio.sleep(1)
        return "fresh"
    except asyncio.CancelledError:
        return "stale"


async def releases(lock):
    try:
        await asyncio.sleep(1)
    finally:
        await lock.release()


async def catches_all(conn):
    try:
        await asyncio.sleep(1)
    except BaseException:
        await conn.close()
        raise


async def inner(conn):
    await catches_all(conn)


async def cleans_up(conn):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        await conn.close()
        raise


async def reraises_only(log):
    try:
        await asyncio.sleep(1)
    except BaseException:
        log.append("cancelled")
        raise
    finally:
        log.append("done")


class Client:
    async def _read(self):
        try:
            await asyncio.sleep(1)
        except:
            return None

    async def read(self):
        return await asyncio.wait_for(self._read(), 1)


async def main(conn, lock, log):
    value = await asyncio.wait_for(fallback(), 1)
    await asyncio.wait_for(releases(lock), 1)
    await asyncio.wait_for(inner(conn), 1)
    await asyncio.wait_for(cleans_up(conn), 1)
    await asyncio.wait_for(reraises_only(log), 1)
    await asyncio.wait_for(conn.external(), 1)
    return value

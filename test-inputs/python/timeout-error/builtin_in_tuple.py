import asyncio


async def read_reply(waiter, timeout):
    # aiosmtplib's shape: the builtin is listed beside asyncio's class.
    try:
        with anyio_free_timeout(timeout):
            return await waiter
    except (TimeoutError, asyncio.TimeoutError) as exc:
        raise RuntimeError("timed out") from exc


async def three(conn):
    try:
        return await conn.read()
    except (OSError, asyncio.TimeoutError, TimeoutError):
        return None


async def shadowed(conn, TimeoutError):
    try:
        return await conn.read()
    except (TimeoutError, asyncio.TimeoutError):
        return None


def anyio_free_timeout(t):
    raise NotImplementedError


async def imported_name(conn):
    from asyncio import TimeoutError

    try:
        return await conn.read()
    except TimeoutError:
        return None

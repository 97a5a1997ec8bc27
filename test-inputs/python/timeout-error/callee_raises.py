import asyncio

import anyio
import async_timeout


async def poll(conn):
    # Kept (suppressed here): its asyncio.TimeoutError escapes poll().
    return await asyncio.wait_for(conn.read(), 1)  # anymig: ignore[AM202]


async def poll_quietly(conn):
    try:
        return await asyncio.wait_for(conn.read(), 1)  # anymig: ignore[AM202]
    except asyncio.TimeoutError:
        return None


async def fetch(conn):
    async with async_timeout.timeout(2):
        return await conn.read()


def expired():
    raise asyncio.TimeoutError()


async def read_one(conn):
    try:
        return await poll(conn)
    except asyncio.TimeoutError:
        return None


async def read_both(conn):
    try:
        with anyio.fail_after(5):
            await fetch(conn)
    except (asyncio.TimeoutError, ValueError):
        return None


async def read_checked(conn):
    try:
        await conn.read()
        expired()
    except (TimeoutError, asyncio.TimeoutError):
        return None


async def read_quietly(conn):
    try:
        return await poll_quietly(conn)
    except asyncio.TimeoutError:
        return None

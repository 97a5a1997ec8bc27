import asyncio

import anyio


async def fetch(n):
    await anyio.sleep(0)
    return n


class Conn:
    async def close(self):
        await anyio.sleep(0)


async def consume(conn):
    try:
        await anyio.sleep(3600)
    finally:
        await conn.close()


async def stubborn():
    try:
        await anyio.sleep(3600)
    except asyncio.CancelledError:
        return "ignored"


async def poll():
    try:
        await anyio.sleep(3600)
    finally:
        print("stopped")


async def awaiting_cleanup(conn):
    task = asyncio.create_task(consume(conn))
    await anyio.sleep(0.1)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass


async def swallowing():
    task = asyncio.create_task(stubborn())
    await anyio.sleep(0.1)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass


async def not_waited():
    task = asyncio.create_task(poll())
    await anyio.sleep(0.1)
    task.cancel()
    print("went on")


async def not_started():
    task = asyncio.create_task(fetch(1))
    task.cancel()


async def one_of_two():
    first = asyncio.create_task(fetch(1))
    second = asyncio.create_task(fetch(2))
    await anyio.sleep(0.1)
    first.cancel()
    await second


async def other_awaitable(coro):
    task = asyncio.create_task(fetch(3))
    await asyncio.gather(task, coro)


async def gathered_inline():
    one = asyncio.create_task(fetch(4))
    two = asyncio.create_task(fetch(5))
    print(await asyncio.gather(one, two))


async def unknown_code(client):
    task = asyncio.create_task(client.poll())
    await anyio.sleep(0.1)
    task.cancel()

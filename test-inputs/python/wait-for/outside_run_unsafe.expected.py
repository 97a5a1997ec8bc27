import asyncio
import math

import aiohttp
import anyio

lock = anyio.Lock()


class Conn:
    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        return None


async def step(n):
    await anyio.sleep(0.1)
    return n


async def known(queue):
    # Migrated: the code awaited is the module's own or in asyncio's short table.
    done = anyio.Event()
    q_send, q_receive = anyio.create_memory_object_stream(math.inf)
    fut = asyncio.get_running_loop().create_future()
    with anyio.fail_after(1):
        await step(1)
    with anyio.fail_after(1):
        await done.wait()
    with anyio.fail_after(1):
        await q_receive.receive()
    with anyio.fail_after(1):
        await fut
    with anyio.fail_after(1):
        async with anyio.create_task_group() as tg:
            tg.start_soon(step, 2)
            tg.start_soon(step, 3)
    with anyio.fail_after(1):
        async with lock:
            await step(4)
        async with Conn():
            await anyio.sleep(0)


async def library(session: aiohttp.ClientSession, reader, tasks):
    # Kept: what these await is outside the run (or cannot be told).
    cond = anyio.Condition()
    with anyio.fail_after(1):
        await aiohttp.request("GET", "http://x")
    with anyio.fail_after(1):
        await reader.readline()
    with anyio.fail_after(1):
        await cond.wait()
    with anyio.fail_after(1):

        async def run_awaitable(coro):
            await coro

        async with anyio.create_task_group() as tg:
            for coro in tasks:
                tg.start_soon(run_awaitable, coro)
    with anyio.fail_after(1):
        async with session.get("http://x") as response:
            await step(response.status)


async def nested():
    return await asyncio.wait_for(step(5), 0)


async def reaches():
    # Kept: the module function it times out awaits a kept asyncio.wait_for (its timeout of 0 is
    # refused), whose cancellation handler awaits.
    with anyio.fail_after(2):
        await nested()

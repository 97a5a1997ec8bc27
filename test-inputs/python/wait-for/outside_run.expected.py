import asyncio
import math

import aiohttp
import anyio

lock = asyncio.Lock()


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
    done = asyncio.Event()
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
        await asyncio.gather(step(2), step(3))
    with anyio.fail_after(1):
        async with lock:
            await step(4)
        async with Conn():
            await anyio.sleep(0)


async def library(session: aiohttp.ClientSession, reader, tasks):
    # Kept: what these await is outside the run (or cannot be told).
    cond = asyncio.Condition()
    await asyncio.wait_for(aiohttp.request("GET", "http://x"), 1)
    await asyncio.wait_for(reader.readline(), 1)
    await asyncio.wait_for(cond.wait(), 1)
    await asyncio.wait_for(asyncio.gather(*tasks), 1)
    async with asyncio.timeout(1):
        async with session.get("http://x") as response:
            await step(response.status)


async def nested():
    return await asyncio.wait_for(step(5), 0)


async def reaches():
    # Kept: the module function it times out awaits a kept asyncio.wait_for (its timeout of 0 is
    # refused), whose cancellation handler awaits.
    await asyncio.wait_for(nested(), 2)

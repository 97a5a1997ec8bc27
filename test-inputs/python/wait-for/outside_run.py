import asyncio

import aiohttp

lock = asyncio.Lock()


class Conn:
    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        return None


async def step(n):
    await asyncio.sleep(0.1)
    return n


async def known(queue):
    # Migrated: the code awaited is the module's own or in asyncio's short table.
    done = asyncio.Event()
    q = asyncio.Queue()
    fut = asyncio.get_running_loop().create_future()
    await asyncio.wait_for(step(1), 1)
    await asyncio.wait_for(done.wait(), 1)
    await asyncio.wait_for(q.get(), 1)
    await asyncio.wait_for(fut, 1)
    await asyncio.wait_for(asyncio.gather(step(2), step(3)), 1)
    async with asyncio.timeout(1):
        async with lock:
            await step(4)
        async with Conn():
            await asyncio.sleep(0)


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

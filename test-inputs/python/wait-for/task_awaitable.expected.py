import asyncio

import anyio


async def worker():
    try:
        await anyio.sleep(1)
    except anyio.get_cancelled_exc_class():
        with anyio.CancelScope(shield=True):
            await anyio.sleep(0.05)  # cleanup in the task
        raise


async def plain():
    await anyio.sleep(1)


async def local_task():
    task = asyncio.create_task(worker())
    await asyncio.wait_for(task, 0.05)


async def handed_in(task):
    await asyncio.wait_for(task, 0.05)


async def plain_task():
    task = asyncio.create_task(plain())
    with anyio.fail_after(0.05):
        await task


async def future():
    fut = asyncio.get_running_loop().create_future()
    with anyio.fail_after(0.05):
        await fut


class Session:
    def __init__(self):
        self.ready = None

    def start(self):
        self.ready = asyncio.ensure_future(plain())

    async def wait_ready(self):
        with anyio.fail_after(1):
            await self.ready

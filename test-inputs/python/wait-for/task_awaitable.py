import asyncio


async def worker():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        await asyncio.sleep(0.05)  # cleanup in the task
        raise


async def plain():
    await asyncio.sleep(1)


async def local_task():
    task = asyncio.create_task(worker())
    await asyncio.wait_for(task, 0.05)


async def handed_in(task):
    await asyncio.wait_for(task, 0.05)


async def plain_task():
    task = asyncio.create_task(plain())
    await asyncio.wait_for(task, 0.05)


async def future():
    fut = asyncio.get_running_loop().create_future()
    await asyncio.wait_for(fut, 0.05)


class Session:
    def __init__(self):
        self.ready = None

    def start(self):
        self.ready = asyncio.ensure_future(plain())

    async def wait_ready(self):
        await asyncio.wait_for(self.ready, 1)

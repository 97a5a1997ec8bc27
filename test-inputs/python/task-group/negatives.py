import asyncio


class TaskGroup:
    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        return False


async def main(work):
    async with TaskGroup() as tg:  # not asyncio's
        tg.create_task(work(1))
    await asyncio.sleep(0)

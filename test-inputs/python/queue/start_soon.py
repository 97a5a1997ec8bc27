import asyncio
import anyio


async def worker(inbox):
    while (item := await inbox.get()) is not None:
        print(item)


async def main():
    q = asyncio.Queue()
    async with anyio.create_task_group() as tg:
        tg.start_soon(worker, q)
        await q.put("x")
        await q.put(None)

import math
import anyio


async def worker(inbox):
    while (item := await inbox.receive()) is not None:
        print(item)


async def main():
    q_send, q_receive = anyio.create_memory_object_stream(math.inf)
    async with anyio.create_task_group() as tg:
        tg.start_soon(worker, q_receive)
        await q_send.send("x")
        await q_send.send(None)

import math

import anyio


async def local():
    jobs_send, jobs_receive = anyio.create_memory_object_stream(math.inf)
    await jobs_send.send("a")
    return await jobs_receive.receive()


async def other():
    jobs_send, jobs_receive = anyio.create_memory_object_stream(10)
    await jobs_send.send("b")
    return await jobs_receive.receive()

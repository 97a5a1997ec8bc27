import math

import anyio


async def bounded():
    q_send, q_receive = anyio.create_memory_object_stream(2)
    await q_send.send(1)
    return await q_receive.receive()


async def unbounded_zero():
    q_send, q_receive = anyio.create_memory_object_stream(math.inf)
    q_send.send_nowait(1)
    return await q_receive.receive()


async def by_name(size):
    q_send, q_receive = anyio.create_memory_object_stream(
        size if size > 0 else math.inf
    )
    await q_send.send(1)
    return await q_receive.receive()

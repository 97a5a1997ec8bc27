"""asyncio.open_connection() in a docstring."""
import socket

import anyio


def blocking(port):
    with socket.create_connection(("127.0.0.1", port)) as s:
        return s.recv(10)


async def shadowed(asyncio):
    reader, writer = await asyncio.open_connection("h", 1)
    return reader


async def real():
    await anyio.sleep(0)

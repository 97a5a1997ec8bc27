"""asyncio.open_connection() in a docstring."""
import asyncio
import socket


def blocking(port):
    with socket.create_connection(("127.0.0.1", port)) as s:
        return s.recv(09)


async def shadowed(asyncio):
    reader, writer = await asyncio.open_connection("h", 1)
    return reader


async def real():
    await asyncio.sleep(0)

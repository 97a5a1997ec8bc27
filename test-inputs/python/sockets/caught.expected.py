import asyncio
import contextlib
import unittest

import anyio
import pytest


class DrainTests(unittest.IsolatedAsyncioTestCase):
    async def test_drain_raises(self):
        reader, writer = await asyncio.open_connection("127.0.0.1", 8000)
        with self.assertRaises(ConnectionResetError):
            writer.write(b"foo\n")
            await writer.drain()
        writer.close()


async def test_reset_with_pytest():
    reader, writer = await asyncio.open_connection("127.0.0.1", 8000)
    with pytest.raises(ConnectionResetError):
        writer.write(b"foo\n")
        await writer.drain()
    writer.close()


async def send_quietly(data):
    reader, writer = await asyncio.open_connection("127.0.0.1", 8000)
    with contextlib.suppress(BrokenPipeError):
        writer.write(data)
        await writer.drain()
    writer.close()


async def send(data):
    reader, writer = await asyncio.open_connection("127.0.0.1", 8000)
    writer.write(data)
    await writer.drain()
    writer.close()


async def main():
    try:
        await send(b"ping")
    except ConnectionError:
        print("peer went away")


async def send_unguarded(data):
    stream = await anyio.connect_tcp("127.0.0.1", 8001)
    with open("/dev/null") as log:
        await stream.send(data)
    await stream.aclose()

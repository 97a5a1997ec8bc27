from asyncio import open_connection


async def ping(port):
    reader, writer = await open_connection("127.0.0.1", port)
    writer.write(b"ping")
    await writer.drain()
    pong = await reader.read(4)
    writer.close()
    return pong

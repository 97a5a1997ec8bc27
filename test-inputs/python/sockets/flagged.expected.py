import asyncio


async def lines(port):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    line = await reader.readline()
    writer.close()
    return line


async def to_eof(port):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    data = await reader.read()
    writer.close()
    return data


async def extra(port):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    peer = writer.get_extra_info("peername")
    writer.close()
    return peer


async def tls(port, ctx):
    reader, writer = await asyncio.open_connection("example.org", port, ssl=ctx)
    writer.close()


async def kept(port):
    conn = await asyncio.open_connection("127.0.0.1", port)
    return conn


async def handle(reader, writer):
    writer.write(await reader.read(100))


async def serve(port):
    server = await asyncio.start_server(handle, "127.0.0.1", port)
    async with server:
        await server.serve_forever()


async def handled(port):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(b"x")
        await writer.drain()
    except ConnectionResetError:
        pass
    writer.close()

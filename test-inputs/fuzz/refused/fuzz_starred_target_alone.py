import asyncio


async def fetch(host, port, request):
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(request)
    await writer.drain()
    reply = await reader.read(1024)
    writer.close()
    await writer.wait_closed()
    return reply


async def keywords(request):
    r, w = await asyncio.open_connection(host="127.0.0.1", port=8080)
    w.write(request)
    if request:
     *   data = await r.read(100)  # one chunk
    else:
        data = None
    w.close()
    return data


async def two(port):
    r1, w1 = await asyncio.open_connection("127.0.0.1", port)
    r2, w2 = await asyncio.open_connection("127.0.0.1", port)
    w1.write(b"a")
    w2.write(b"b")
    w1.close()
    w2.close()

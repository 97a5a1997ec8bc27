import anyio


async def fetch(host, port, request):
    stream = await anyio.connect_tcp(host, port)
    await stream.send(request)
    try:
        reply = await stream.receive(1024)
    except anyio.EndOfStream:
        reply = b""
    await stream.aclose()
    return reply


async def keywords(request):
    stream = await anyio.connect_tcp("127.0.0.1", 8080)
    await stream.send(request)
    if request:
        try:
            data = await stream.receive(100)
        except anyio.EndOfStream:
            data = b""  # one chunk
    else:
        data = None
    await stream.aclose()
    return data


async def two(port):
    r1_stream = await anyio.connect_tcp("127.0.0.1", port)
    r2_stream = await anyio.connect_tcp("127.0.0.1", port)
    await r1_stream.send(b"a")
    await r2_stream.send(b"b")
    await r1_stream.aclose()
    await r2_stream.aclose()

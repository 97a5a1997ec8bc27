import anyio


async def ping(port):
    stream = await anyio.connect_tcp("127.0.0.1", port)
    await stream.send(b"ping")
    try:
        pong = await stream.receive(4)
    except anyio.EndOfStream:
        pong = b""
    await stream.aclose()
    return pong

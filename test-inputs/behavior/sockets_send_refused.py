# behavior: asyncio-only
# expect-flag: AM214 [needs-review] asyncio.open_connection(): anyio's stream.send() and receive() let other tasks run first
# expect-output: ['upload queued', 'heartbeat']
# A client hands a large upload to a busy peer (it reads nothing for 0.4 s) and logs; a heartbeat
# task logs after 0.1 s. asyncio's write() buffers and returns at once, so the upload is logged
# first. anyio's send() waits until the peer takes the data: the session-start migration printed
# `['heartbeat', 'upload queued']`. Kept: an unsafe fix.
import asyncio

log = []


async def busy_peer(reader, writer):
    await asyncio.sleep(0.4)
    while await reader.read(1 << 20):
        pass
    writer.close()


async def upload(port):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"x" * 20_000_000)
    log.append("upload queued")
    writer.close()


async def heartbeat():
    await asyncio.sleep(0.1)
    log.append("heartbeat")


async def main():
    server = await asyncio.start_server(busy_peer, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    await asyncio.gather(upload(port), heartbeat())
    server.close()
    print(log)


asyncio.run(main())

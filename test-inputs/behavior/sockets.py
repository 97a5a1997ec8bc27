import asyncio
import socketserver
import threading


class Upper(socketserver.BaseRequestHandler):
    def handle(self):
        data = self.request.recv(1024)
        self.request.sendall(data.upper())


async def talk(port, message):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(message)
    await writer.drain()
    reply = await reader.read(1024)
    after = await reader.read(1024)  # the server closed: b"" at EOF
    writer.close()
    await writer.wait_closed()
    return reply, after


async def main(port):
    print(await talk(port, b"hello"))
    print(await talk(port, b"again"))


if __name__ == "__main__":
    server = socketserver.TCPServer(("127.0.0.1", 0), Upper)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    try:
        asyncio.run(main(server.server_address[1]))
    finally:
        server.shutdown()
        server.server_close()
# migrate-args: --unsafe-fixes

# behavior: asyncio-only
# expect-flag: AM214 [needs-review] asyncio.open_connection(): anyio's stream.send() and receive() let other tasks run first
# expect-output: ['sent', 'tick', b'hello']
# A client writes, drains and reads while a callback is ready to run. asyncio's write() and an
# awaited drain() with room in the buffer return without yielding, so the client logs 'sent'
# first; anyio's send() always yields to the scheduler, so the callback ran first
# (['tick', 'sent', ...]) when the session-start build rewrote this, drain() or not: a
# deterministic companion of sockets_send_refused.py (a write without drain() to a busy peer).
# Kept without --unsafe-fixes.
import asyncio
import socketserver
import threading


class Echo(socketserver.BaseRequestHandler):
    def handle(self):
        self.request.sendall(self.request.recv(1024))


async def client(port, log):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    asyncio.get_running_loop().call_soon(log.append, "tick")
    writer.write(b"hello")
    await writer.drain()
    log.append("sent")
    data = await reader.read(100)
    log.append(data)
    writer.close()


def main():
    server = socketserver.TCPServer(("127.0.0.1", 0), Echo)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    log = []
    try:
        asyncio.run(client(server.server_address[1], log))
    finally:
        server.shutdown()
        server.server_close()
    print(log)


main()

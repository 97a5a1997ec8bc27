# behavior: asyncio-only
# expect-flag: AM210 [needs-review] asyncio.to_thread() kept: the function it runs depends on the worker thread that runs it (`
# expect-output: connection of asyncio_0
# Each worker thread opens its own connection, kept in a threading.local and named after the
# thread. asyncio's executor threads are named asyncio_N; anyio's worker threads 'AnyIO worker
# thread' (and an idle asyncio worker takes the next call first-in-first-out where anyio's last
# idle one does, so which thread-local state a call sees differs too). The old migration printed
# "connection of AnyIO worker thread". Kept.
import asyncio
import threading

conn = threading.local()


def connect():
    if not hasattr(conn, "name"):
        conn.name = "connection of " + threading.current_thread().name
    return conn.name


async def main():
    print(await asyncio.to_thread(connect))


asyncio.run(main())

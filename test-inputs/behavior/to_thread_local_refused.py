# behavior: asyncio-only
# expect-flag: AM210 [needs-review] asyncio.to_thread() kept: the function it runs depends on the worker thread that runs it (`conn`, a threading.local
# expect-output: a
# Each worker thread keeps its own connection in a threading.local. After two calls ran at
# once, the next call runs on asyncio's worker that went idle first (first-in-first-out) and
# sees connection "a"; anyio's worker that went idle last takes it ("b" after the old
# migration).
import asyncio
import threading
import time

conn = threading.local()


def connect(name, delay):
    time.sleep(delay)
    conn.name = name


def current():
    return getattr(conn, "name", None)


async def main():
    await asyncio.gather(asyncio.to_thread(connect, "a", 0.05), asyncio.to_thread(connect, "b", 0.5))
    print(await asyncio.to_thread(current))


asyncio.run(main())

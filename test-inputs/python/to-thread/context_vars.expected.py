import asyncio
import contextvars
import functools

import anyio

request_id = contextvars.ContextVar("request_id", default="-")
counter = 0


def audit(tag):
    return tag + request_id.get()


def indirect():
    return audit("x")


def plain(n):
    return n * 2


class Store:
    def save(self):
        request_id.set("saved")

    async def flush(self):
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, self.save)


async def main():
    loop = asyncio.get_running_loop()
    a = await loop.run_in_executor(None, audit, "a")
    b = await loop.run_in_executor(None, indirect)
    c = await loop.run_in_executor(None, lambda: request_id.get())
    d = await loop.run_in_executor(None, functools.partial(audit, "d"))
    e = await anyio.to_thread.run_sync(plain, 3, cancellable=True)
    f = await anyio.to_thread.run_sync(audit, "f", cancellable=True)
    return a, b, c, d, e, f


import anyio


def work(n):
    return n * 2


async def main():
    a = await anyio.to_thread.run_sync(work, 1, cancellable=True)
    b = await anyio.to_thread.run_sync(work, 2, cancellable=True)
    c = await anyio.to_thread.run_sync(work, 3, cancellable=True)
    return a + b + c

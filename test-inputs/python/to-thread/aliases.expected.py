
import anyio


def work(n):
    return n * 2


async def main():
    a = await anyio.to_thread.run_sync(work, 1)
    b = await anyio.to_thread.run_sync(work, 2)
    c = await anyio.to_thread.run_sync(work, 3)
    return a + b + c

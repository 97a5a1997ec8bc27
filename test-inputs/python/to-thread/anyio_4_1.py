import asyncio


def work(n, scale=1):
    return n * scale


async def main():
    loop = asyncio.get_running_loop()
    a = await asyncio.to_thread(work, 1)
    b = await asyncio.to_thread(work, 2, scale=3)
    c = await loop.run_in_executor(None, work, 3,)
    return a + b + c

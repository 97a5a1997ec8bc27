import asyncio


async def main(loop, value):
    first = await asyncio.sleep(0.01, value)
    both = await asyncio.gather(asyncio.sleep(0, "a"), asyncio.sleep(0, result="b"))
    task = loop.create_task(asyncio.sleep(0.1, "c"))
    print(await asyncio.sleep(delay=0, result=first), both)
    await asyncio.sleep(0, loop=loop)
    return await task

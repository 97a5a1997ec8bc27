import asyncio


async def work(n):
    await asyncio.sleep(0)
    return n


async def main():
    task = asyncio.create_task(work(40))
    value = await asyncio.wait_for(work(1), 1)
    result = await task
    return value + result


asyncio.run(main())

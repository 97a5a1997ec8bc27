import asyncio


async def fetch(n, delay=0.0, scale=1):
    await asyncio.sleep(delay)
    return n * scale


async def one(log):
    task = asyncio.create_task(fetch(1, 0.02))
    log.append("meanwhile")
    other = await fetch(2, 0.0)
    value = await task
    return value + other


async def returned():
    task = asyncio.create_task(fetch(3, 0.01, scale=2))
    return await task


async def bare(log):
    async def note(text):
        await asyncio.sleep(0.01)
        log.append(text)

    task = asyncio.create_task(note("noted"))
    log.append("started")
    await task
    log.append("after")


async def several():
    first = asyncio.create_task(fetch(5, 0.03))
    second = asyncio.create_task(fetch(6, 0.0), name="second")
    a = await first
    b = await second
    return a, b


async def main():
    log = []
    print(await one(log), log)
    print(await returned())
    log = []
    await bare(log)
    print(log)
    print(await several())


asyncio.run(main())

import asyncio


async def fetch(value, delay):
    await asyncio.sleep(delay)
    return value


async def within():
    async with asyncio.timeout(1):
        value = await fetch("in time", 0.0)
    return value


async def expires(log):
    try:
        async with asyncio.timeout(0.02):
            await fetch(None, 0.5)
            log.append("not reached")
    except TimeoutError:
        log.append("timed out")


async def unlimited():
    async with asyncio.timeout(None):
        return await fetch("no limit", 0.01)


async def main():
    log = []
    print(await within())
    await expires(log)
    print(log)
    print(await unlimited())


asyncio.run(main())

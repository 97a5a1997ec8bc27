import asyncio


async def fetch(value, delay):
    await asyncio.sleep(delay)
    return value


async def quick():
    return await asyncio.wait_for(fetch("quick", 0.0), 1)


async def slow():
    try:
        value = await asyncio.wait_for(fetch("slow", 0.5), timeout=0.02)
    except asyncio.TimeoutError:
        value = "timed out"
    return value


async def bare(log):
    await asyncio.wait_for(fetch(log.append("ran"), 0.0), 1)


async def unlimited():
    value = await asyncio.wait_for(fetch("no limit", 0.01), None)
    return value


async def accumulate():
    total = 1
    total += await asyncio.wait_for(fetch(41, 0.0), 1)
    return total


async def escapes():
    await asyncio.wait_for(fetch("never", 0.5), 0.01)


async def main():
    log = []
    print(await quick())
    print(await slow())
    await bare(log)
    print(log)
    print(await unlimited())
    print(await accumulate())
    try:
        await escapes()
    except asyncio.TimeoutError:
        print("escaped: TimeoutError")


asyncio.run(main())

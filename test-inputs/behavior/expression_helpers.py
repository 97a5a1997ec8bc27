import asyncio


async def fetch(value, delay=0.0):
    await asyncio.sleep(delay)
    return value


async def commit(log):
    await asyncio.sleep(0.01)
    log.append("committed")
    return len(log)


async def main():
    print(await asyncio.wait_for(fetch("inline"), 1))
    total = sum([await asyncio.wait_for(fetch(v), 1) for v in range(4)])
    print(total)
    try:
        print(await asyncio.wait_for(fetch("late", 0.5), 0.01))
    except asyncio.TimeoutError:
        print("timed out inline")
    log = []
    print("rows:", await asyncio.shield(commit(log)), log)
    print(len([await asyncio.shield(fetch(v)) for v in "abc"]))


asyncio.run(main())

# A gather whose failure a caller catches is kept (the task group would cancel the other
# awaitables): gather_caller_except_refused.py.
import asyncio


async def fetch(n, delay=0.0, scale=1):
    await asyncio.sleep(delay)
    return n * scale


async def unused(log):
    async def record(tag, delay):
        await asyncio.sleep(delay)
        log.append(tag)

    await asyncio.gather(record("slow", 0.05), record("fast", 0.01))
    await asyncio.gather(record("kw", delay=0.0))


async def pairs():
    # The slow one first: results keep the argument order, not the finishing order.
    first, second = await asyncio.gather(fetch(1, 0.05), fetch(2, 0.0, scale=10))
    return first, second


async def listed(n):
    coros = [fetch(i, 0.01 * (n - i)) for i in range(n)]
    results = await asyncio.gather(*coros)
    return results


async def comprehension(xs):
    return await asyncio.gather(*[fetch(x, 0.0, scale=2) for x in xs])


async def mixed(rest):
    values = await asyncio.gather(fetch(100, 0.02), *rest)
    return values


async def main():
    log = []
    await unused(log)
    print("unused:", sorted(log))
    print("pairs:", await pairs())
    print("listed:", await listed(4))
    print("comprehension:", await comprehension([3, 1, 2]))
    print("mixed:", await mixed([fetch(7), fetch(8, 0.01)]))


asyncio.run(main())

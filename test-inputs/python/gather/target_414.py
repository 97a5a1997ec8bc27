import asyncio


async def fetch(n, scale=1):
    await asyncio.sleep(0.01)
    return n * scale


async def unused(x):
    await asyncio.gather(fetch(1), fetch(x))  # run both
    await asyncio.gather(fetch(2), fetch(3, scale=2))


async def pairs(x):
    first, second = await asyncio.gather(fetch(1), fetch(x))
    return first + second


async def listed(coros):
    results = await asyncio.gather(*coros)
    return results


async def returned(xs):
    return await asyncio.gather(*[fetch(i) for i in xs])


async def mixed(head, rest):
    values = await asyncio.gather(fetch(head), *rest)
    return values


async def comprehension_unused(xs, ys):
    await asyncio.gather(*[fetch(i, scale=2) for i in xs if i])
    await asyncio.gather(*(fetch(j) for j in ys))


async def multiline(x):
    a, b = await asyncio.gather(
        fetch(1),
        fetch(
            x,
        ),
        return_exceptions=False,
    )
    return a, b

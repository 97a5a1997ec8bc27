import asyncio


async def fetch(x):
    return x


async def main(values, compute):
    total = sum([await asyncio.wait_for(fetch(v), 1) for v in values])
    print(await asyncio.wait_for(fetch(1), timeout=2))
    result = await asyncio.wait_for(fetch(compute()), compute())
    return total + await asyncio.wait_for(fetch(2), None) + result

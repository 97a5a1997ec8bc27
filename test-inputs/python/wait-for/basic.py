import asyncio


async def fetch(n):
    await asyncio.sleep(0.01)
    return n


async def main(url, limit):
    await asyncio.wait_for(fetch(1), 5)
    value = await asyncio.wait_for(fetch(2), timeout=limit)  # keep me
    total = 0
    total += await asyncio.wait_for(fetch(3), 1.5)
    if value:
        data = await asyncio.wait_for(
            fetch(
                url,
            ),
            timeout=10,
        )
    return await asyncio.wait_for(fetch(4), limit * 2)


async def no_timeout():
    await asyncio.wait_for(fetch(5), None)
    print(await asyncio.wait_for(fetch(6), timeout=None))

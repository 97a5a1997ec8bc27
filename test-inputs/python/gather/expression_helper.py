import asyncio


async def fetch(x):
    return x


async def main(items):
    total = sum(await asyncio.gather(fetch(1), fetch(2)))
    print(await asyncio.gather(*[fetch(i) for i in items]))
    try:
        value = len(await asyncio.gather(fetch(3)))
    except ValueError:
        value = 0
    return total + value

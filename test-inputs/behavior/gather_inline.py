import asyncio


async def price(item, delay):
    await asyncio.sleep(delay)
    return {"apple": 3, "pear": 5, "plum": 2}[item]


async def main():
    # Fan-out with the results used inline, as request handlers do.
    total = sum(await asyncio.gather(price("apple", 0.02), price("pear", 0.0), price("plum", 0.01)))
    print("total", total)
    print("each", await asyncio.gather(*[price(i, 0.0) for i in ("plum", "apple")]))
    print("most", max(await asyncio.gather(price("pear", 0.01), price("apple", 0.0))))


asyncio.run(main())

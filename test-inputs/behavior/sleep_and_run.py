import asyncio


async def worker(name, delay, results):
    await asyncio.sleep(delay)
    results.append(name)


async def main(label, repeat=1):
    results = []
    for i in range(repeat):
        await worker(f"{label}-{i}", 0.01, results)
    await asyncio.sleep(0)
    print("done", results)
    return len(results)


if __name__ == "__main__":
    count = asyncio.run(main("job", repeat=3))
    print("count", count)
    asyncio.run(main("again"))

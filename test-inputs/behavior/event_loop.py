import asyncio


async def main(label, *, repeat=1):
    start = asyncio.get_running_loop().time()
    await asyncio.sleep(0.01)
    elapsed = asyncio.get_running_loop().time() - start
    print(label * repeat, elapsed >= 0.005)
    return len(label)


if __name__ == "__main__":
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        result = loop.run_until_complete(main("ab", repeat=2))
    finally:
        loop.close()
    print("result", result)

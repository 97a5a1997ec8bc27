import asyncio


async def numbers(n):
    for i in range(n):
        yield i
        await asyncio.sleep(0)


async def main():
    async for i in numbers(5):
        if i == 2:
            break
    return i


def run():
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    result = loop.run_until_complete(main())
    loop.close()
    return result

import anyio


async def numbers(n):
    for i in range(n):
        yield i
        await anyio.sleep(0)


async def main():
    async for i in numbers(5):
        if i == 2:
            break
    return i


def run():
    result = anyio.run(main)
    return result

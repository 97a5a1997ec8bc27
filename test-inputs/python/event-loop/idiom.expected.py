import anyio


async def main(n):
    await anyio.sleep(0)
    return n


def run():
    result = anyio.run(main, 3)
    return result

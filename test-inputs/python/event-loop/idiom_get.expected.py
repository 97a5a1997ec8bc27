import anyio


async def main():
    await anyio.sleep(0)


def cli():
    anyio.run(main)

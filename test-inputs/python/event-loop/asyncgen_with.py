import asyncio


class Session:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        print("session closed")


async def pages():
    with Session():
        yield 1
        yield 2


async def main():
    async for page in pages():
        break


asyncio.get_event_loop().run_until_complete(main())

import asyncio


async def main():
    await asyncio.sleep(0)


def cli():
    loop = asyncio.get_event_loop()
    loop.run_until_complete(main())

import asyncio


async def main(n=1, *, label="x"):
    await asyncio.sleep(0)
    return n


if __name__ == "__main__":
    asyncio.get_event_loop().run_until_complete(main())

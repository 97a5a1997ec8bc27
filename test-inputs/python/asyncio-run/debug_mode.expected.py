import asyncio


async def main():
    loop = asyncio.get_running_loop()
    print("debug mode:", loop.get_debug())


if __name__ == "__main__":
    asyncio.run(main())

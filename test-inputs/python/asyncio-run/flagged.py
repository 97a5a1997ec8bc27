import asyncio


async def main():
    return 1


coro = main()
asyncio.run(coro)
asyncio.run(main(), debug=True)

import asyncio


async def main(a=1, b=2, *, verbose=False):
    return a + b


if __name__ == "__main__":
    asyncio.run(main())
    asyncio.run(main(1, 2))
    total = asyncio.run(main(1, b=5, verbose=True))
    asyncio.run(main(
        3,  # first
        4,
    ))
    args = [1, 2]
    asyncio.run(main(*args))

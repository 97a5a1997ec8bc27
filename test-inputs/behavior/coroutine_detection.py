# behavior: allow-flags (asyncio.iscoroutine is review-only without --unsafe-fixes)
import asyncio


async def fetch():
    return 42


def plain():
    return 1


async def main():
    for fn in (fetch, plain):
        print(fn.__name__, asyncio.iscoroutinefunction(fn))
    coro = fetch()
    print("coroutine object", asyncio.iscoroutine(coro))
    print("value", await coro)


asyncio.run(main())

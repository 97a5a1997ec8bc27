# behavior: asyncio-only
# expect-flag: AM211 [needs-review] hand-driven event loop: `async for` over `feeds.pop()` at line
# expect-output: 0 []
# The same with the generator made elsewhere (here at import time; in a real program a library's
# async generator): the `async for` iterates something whose code the module cannot tell, so
# the anyio.run() fix is unsafe (applied only with --unsafe-fixes). The old migration printed
# `0 ['feed closed']`.
import asyncio

log = []


async def ticker():
    try:
        for tick in range(10):
            yield tick
            await asyncio.sleep(0)
    finally:
        log.append("feed closed")


feeds = [ticker()]


async def main():
    async for tick in feeds.pop():
        break
    return tick


def run():
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    result = loop.run_until_complete(main())
    loop.close()
    return result


print(run(), log)

# asyncio.sleep(delay, result) returns `result`; anyio.sleep() returns None. The generated module
# helper `_anymig_sleep(delay, result=None)` has asyncio.sleep's signature and returns it.
import asyncio


async def main():
    first = await asyncio.sleep(0.01, "first")
    second = await asyncio.sleep(0, result={"n": 2})
    print(first, second, [await asyncio.sleep(0, i) for i in range(3)])


asyncio.run(main())

# behavior: allow-flags
# expect-output: pipe devnull other
import asyncio

from helpers import DEVNULL, PIPE, mode


async def main():
    await asyncio.sleep(0)
    print(mode(PIPE), mode(DEVNULL), mode(None))


asyncio.run(main())

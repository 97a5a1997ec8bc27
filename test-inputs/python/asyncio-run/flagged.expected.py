import asyncio

import anyio


async def main():
    return 1


coro = main()
asyncio.run(coro)
anyio.run(main, backend_options={"debug": True})

import asyncio
import functools

import anyio


async def main(verbose, *, retries=3):
    loop = asyncio.get_running_loop()
    return verbose, retries, loop.get_debug()


anyio.run(main, True, backend_options={"debug": True})
anyio.run(functools.partial(main, False, retries=1), backend_options={"debug": False})
asyncio.run(main(True))

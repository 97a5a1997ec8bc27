"""asyncio.to_thread(f) in a docstring is not code."""
import anyio


class Runner:
    def __init__(self, loop):
        self.loop = loop

    async def run(self, f):
        # self.loop is not known to be an asyncio loop here: left alone
        return await self.loop.run_in_executor(None, f)


async def shadowed(asyncio):
    return await asyncio.to_thread(print, "not asyncio")


async def other_loop(loop):
    return await loop.run_in_executor(None, print, "a parameter, not a known loop")


async def real():
    await anyio.to_thread.run_sync(print, "x", cancellable=True)

"""asyncio.get_event_loop().run_until_complete(main()) in a docstring."""
import anyio


class Service:
    def __init__(self, loop):
        self.loop = loop

    def start(self, coro):
        # self.loop comes from the caller: not a known asyncio loop
        return self.loop.run_until_complete(coro)


def shadowed(asyncio):
    return asyncio.get_event_loop().run_until_complete(None)


async def main():
    await anyio.sleep(0)


anyio.run(main)

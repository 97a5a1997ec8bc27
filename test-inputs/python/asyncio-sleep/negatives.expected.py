"""asyncio.sleep(1) in a docstring is not code."""
import anyio


class Clock:
    def __init__(self, asyncio):
        self.asyncio = asyncio

    async def tick(self):
        await self.asyncio.sleep(1)  # an attribute called asyncio
        # await asyncio.sleep(1) in a comment
        text = "asyncio.sleep(1)"
        return text


async def shadowed_param(asyncio):
    await asyncio.sleep(1)


async def shadowed_local():
    asyncio = make_fake()
    await asyncio.sleep(1)


def make_fake():
    def sleep(x):
        return x

    sleep(1)  # a local function named sleep
    return None


async def real():
    await anyio.sleep(1)

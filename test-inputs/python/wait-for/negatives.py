import asyncio


class Local:
    @staticmethod
    async def wait_for(c, t):
        return await c


async def shadowed(wait_for, c):
    # asyncio.wait_for(c(), 1) in a comment
    text = "await asyncio.wait_for(c(), 1)"
    await wait_for(c(), 1)
    await Local.wait_for(c(), 2)
    return text


async def later():
    await asyncio.sleep(1)

import asyncio


async def wait_with_result():
    value = await asyncio.sleep(1, "done")
    other = await asyncio.sleep(1, result=3)
    return value, other


async def unknown_args(args):
    await asyncio.sleep(*args)

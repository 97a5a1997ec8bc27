import asyncio


async def main(anyio):
    await asyncio.sleep(1)
    return anyio

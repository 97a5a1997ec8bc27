import asyncio

_anymig_sleep = None


async def main():
    return await asyncio.sleep(0, "x")

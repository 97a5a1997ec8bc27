import asyncio

_anymig_wait_for = None


async def main(fetch):
    print(await asyncio.wait_for(fetch(), 1))

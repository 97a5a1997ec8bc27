import asyncio


async def main(n=1, *, label="x"):
    return n


result = asyncio.get_event_loop().run_until_complete(main(2, label="y"))

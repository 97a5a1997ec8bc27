import asyncio


def gather(*aws):
    return list(aws)


async def main(fetch):
    # await asyncio.gather(fetch(1), fetch(2))
    text = "await asyncio.gather(fetch(1))"
    values = gather(fetch(1), fetch(2))
    await asyncio.sleep(0)
    return text, values

import asyncio


async def main(n):
    await asyncio.sleep(0)
    return n


def run():
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    result = loop.run_until_complete(main(3))
    loop.close()
    return result

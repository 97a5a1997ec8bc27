import asyncio

import feeds


async def main(url):
    async for message in feeds.subscribe(url):
        return message


def run(url):
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    result = loop.run_until_complete(main(url))
    loop.close()
    return result

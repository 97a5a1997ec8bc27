import asyncio

import anyio
import client


async def main(url):
    await anyio.sleep(0)
    return await client.fetch(url)


def run(url):
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    result = loop.run_until_complete(main(url))
    loop.close()
    return result


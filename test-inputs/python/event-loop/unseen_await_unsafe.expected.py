import anyio
import client


async def main(url):
    await anyio.sleep(0)
    return await client.fetch(url)


def run(url):
    result = anyio.run(main, url)
    return result


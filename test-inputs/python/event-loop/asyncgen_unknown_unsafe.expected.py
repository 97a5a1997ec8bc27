import anyio
import feeds


async def main(url):
    async for message in feeds.subscribe(url):
        return message


def run(url):
    result = anyio.run(main, url)
    return result

import asyncio

import client


def run(url):
    return asyncio.get_event_loop().run_until_complete(client.fetch(url))

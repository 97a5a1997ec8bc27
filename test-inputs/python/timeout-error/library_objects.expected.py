import asyncio

import aiohttp


async def get(session, url):
    try:
        async with session.get(url) as response:
            return await response.text()
    except (TimeoutError, asyncio.TimeoutError):
        return None


async def decode(text):
    return text.strip()


async def parse(text):
    try:
        return await decode(text)
    except TimeoutError:
        return None


async def probe(url):
    try:
        await aiohttp.request("GET", url)
    except (TimeoutError, asyncio.TimeoutError, OSError):
        return None


def make_session():
    return aiohttp.ClientSession()

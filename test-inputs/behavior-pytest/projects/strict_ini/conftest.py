import asyncio

import pytest_asyncio


@pytest_asyncio.fixture
async def numbers():
    await asyncio.sleep(0)
    yield [1, 2, 3]
    await asyncio.sleep(0)

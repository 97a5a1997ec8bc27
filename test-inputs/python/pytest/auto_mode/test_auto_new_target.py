import asyncio

import pytest


async def test_unmarked():
    await asyncio.sleep(0)


class TestThings:
    async def test_method(self):
        await asyncio.sleep(0)


def test_sync():
    assert True

import anyio
import pytest


async def test_unmarked():
    await anyio.sleep(0)


class TestThings:
    async def test_method(self):
        await anyio.sleep(0)


def test_sync():
    assert True

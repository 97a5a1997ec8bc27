import anyio
import pytest

pytestmark = pytest.mark.anyio


async def test_unmarked():
    await anyio.sleep(0)


class TestThings:
    async def test_method(self):
        await anyio.sleep(0)


def test_sync():
    assert True

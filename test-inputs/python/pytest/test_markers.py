import asyncio

import pytest
import pytest_asyncio


@pytest_asyncio.fixture
async def resource():
    await asyncio.sleep(0)
    yield 1


@pytest_asyncio.fixture(scope="module")
async def shared():
    return 2


@pytest.mark.asyncio
async def test_resource(resource):
    assert resource == 1


class TestGroup:
    @pytest.mark.asyncio
    async def test_method(self, shared):
        assert shared == 2


def test_sync():
    assert True

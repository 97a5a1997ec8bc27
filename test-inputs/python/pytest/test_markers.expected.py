import anyio
import pytest
import pytest_asyncio


@pytest.fixture
async def resource():
    await anyio.sleep(0)
    yield 1


@pytest.fixture(scope="module")
async def shared():
    return 2


@pytest.mark.anyio
async def test_resource(resource):
    assert resource == 1


class TestGroup:
    @pytest.mark.anyio
    async def test_method(self, shared):
        assert shared == 2


def test_sync():
    assert True

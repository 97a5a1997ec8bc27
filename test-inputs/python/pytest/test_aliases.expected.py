import anyio
import pytest
from pytest import mark
from pytest_asyncio import fixture

pytestmark = mark.anyio


@pytest.fixture
async def value():
    return 3


async def test_value(value):
    await anyio.sleep(0)
    assert value == 3

import asyncio
from pytest import mark
from pytest_asyncio import fixture

pytestmark = mark.asyncio


@fixture
async def value():
    return 3


async def test_value(value):
    await asyncio.sleep(0)
    assert value == 3

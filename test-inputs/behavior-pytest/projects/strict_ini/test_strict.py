import asyncio

import pytest


async def double(x):
    await asyncio.sleep(0)
    return 2 * x


@pytest.mark.asyncio
async def test_double(numbers):
    assert [await double(n) for n in numbers] == [2, 4, 6]


@pytest.mark.asyncio
async def test_timeout_error():
    with pytest.raises(TimeoutError):
        raise TimeoutError


@pytest.mark.asyncio
async def test_fails_on_purpose():
    assert await double(2) == 5


class TestGroup:
    @pytest.mark.asyncio
    async def test_method(self):
        assert await double(0) == 0


def test_sync():
    assert double.__name__ == "double"

"""pytest.mark.asyncio in a docstring is not code."""
import anyio
import pytest


class mark:
    asyncio = "not pytest's"


def test_local_mark():
    assert mark.asyncio == "not pytest's"  # a local class named mark


async def helper():
    await anyio.sleep(0)


@pytest.mark.anyio
async def test_already_anyio():
    await helper()

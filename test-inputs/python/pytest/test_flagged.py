import asyncio

import pytest
import pytest_asyncio


@pytest.fixture
def event_loop():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest_asyncio.fixture(loop_scope="module")
async def scoped():
    return 1


@pytest.mark.asyncio(loop_scope="module")
async def test_scoped(scoped):
    assert scoped == 1


def test_plugin_api():
    assert pytest_asyncio.is_async_test

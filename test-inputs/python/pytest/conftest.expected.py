import anyio
import pytest
import pytest_asyncio


@pytest.fixture
async def client():
    await anyio.sleep(0)
    return "client"


@pytest.fixture(scope="session")
def anyio_backend():
    return "asyncio"

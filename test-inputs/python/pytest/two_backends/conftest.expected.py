import pytest


@pytest.fixture
def settings():
    return {"loop": "asyncio"}


@pytest.fixture(scope="session", params=["asyncio", "trio"])
def anyio_backend(request):
    return request.param

import pytest


@pytest.fixture
def settings():
    return {"loop": "asyncio"}

import asyncio

import pytest


@pytest.fixture
def label():
    return "asyncio-free label"

"""Tests that never import pytest."""
import anyio
import pytest

pytestmark = pytest.mark.anyio


async def test_unmarked():
    await anyio.sleep(0)

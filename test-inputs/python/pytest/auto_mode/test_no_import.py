"""Tests that never import pytest."""
import asyncio


async def test_unmarked():
    await asyncio.sleep(0)

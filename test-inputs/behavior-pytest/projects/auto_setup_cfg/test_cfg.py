"""Unmarked async tests that pytest-asyncio ran in auto mode."""
import asyncio


async def test_sleep(label):
    await asyncio.sleep(0.001)
    assert label.endswith("label")


class TestQueue:
    async def test_queue(self):
        q = asyncio.Queue()
        await q.put(1)
        assert await q.get() == 1

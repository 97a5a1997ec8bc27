"""Worker tests (auto mode: plain `async def` tests, no marker)."""
import asyncio

from asyncio_app import fetch, workers


async def test_squares_keep_order():
    assert await workers.squares([3, 1, 2]) == [9, 1, 4]


async def test_slow_fetch_times_out():
    assert await fetch.fetch_one(fetch.Source(), "slow") == "slow:timeout"


def test_pipeline_sync_entry():
    assert asyncio.run(workers.pipeline(["a"])) == ["aa"]

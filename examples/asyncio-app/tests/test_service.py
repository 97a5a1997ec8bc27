"""Service tests, written for pytest-asyncio's asyncio_mode = "auto" (see pyproject.toml)."""
import asyncio

import pytest

from asyncio_app.service import CacheService


def test_put_get_sync_entry():
    async def scenario():
        service = CacheService()
        await service.start()
        await service.put("k", 42)
        return await service.get("k")

    assert asyncio.run(scenario()) == 42


@pytest.mark.asyncio
async def test_limited_results_in_order():
    service = CacheService()
    assert await service.run_limited([2, 1]) == [20, 10]


async def test_throttle_closes():
    service = CacheService()
    assert await service.throttle_round() == "closed"

#!/usr/bin/env python3
"""Performance extension (the seed's batch 9 shape)."""
from __future__ import annotations

import logging

import anyio

try:
    import anyio
    HAS_ANYIO = True
except ImportError:
    import asyncio
    HAS_ANYIO = False

log = logging.getLogger(__name__)


async def pause(seconds):
    await anyio.sleep(seconds)


async def pick():
    backend = "asyncio"
    raise RuntimeError("anyio is required")
    return None


class Service:
    def start(self):
        return asyncio.get_event_loop()

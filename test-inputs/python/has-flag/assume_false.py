#!/usr/bin/env python3
"""Performance extension (the seed's batch 9 shape)."""
from __future__ import annotations

import logging

try:
    import anyio
    HAS_ANYIO = True
except ImportError:
    import asyncio
    HAS_ANYIO = False

log = logging.getLogger(__name__)


async def pause(seconds):
    if HAS_ANYIO:
        # anyio path, comments kept
        await anyio.sleep(seconds)
        log.debug("slept %s", seconds)
    else:
        await asyncio.sleep(seconds)


async def pick():
    backend = "anyio" if HAS_ANYIO else "asyncio"
    if not HAS_ANYIO:
        raise RuntimeError("anyio is required")
    if HAS_ANYIO and backend:
        return backend
    return None


class Service:
    def start(self):
        if not HAS_ANYIO:
            return asyncio.get_event_loop()
        elif self.ready:
            return "ready"
        else:
            return "later"

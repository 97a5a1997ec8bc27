#!/usr/bin/env python3
"""Performance extension (the seed's batch 9 shape)."""
from __future__ import annotations

import logging

import anyio

log = logging.getLogger(__name__)


async def pause(seconds):
    # anyio path, comments kept
    await anyio.sleep(seconds)
    log.debug("slept %s", seconds)


async def pick():
    backend = "anyio"
    if backend:
        return backend
    return None


class Service:
    def start(self):
        if self.ready:
            return "ready"
        else:
            return "later"

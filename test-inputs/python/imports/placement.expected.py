#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Module docstring."""
from __future__ import annotations

import os
import sys
from typing import Any

import anyio

try:
    import uvloop
except ImportError:
    uvloop = None


async def main() -> Any:
    await anyio.sleep(0)
    print(os.name, sys.platform, uvloop)

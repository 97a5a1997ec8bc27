#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Module docstring."""
from __future__ import annotations

import os
import sys
from typing import Any

try:
    import uvloop
except ImportError:
    uvloop = None

import asyncio


async def main() -> Any:
    await asyncio.sleep(0)
    print(os.name, sys.platform, uvloop)

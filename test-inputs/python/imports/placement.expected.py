#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Module docstring."""
from __future__ import annotations

import anyio
import os
import sys
from typing import Any

try:
    import uvloop
except ImportError:
    uvloop = None



async def main() -> Any:
    await anyio.sleep(0)
    print(os.name, sys.platform, uvloop)

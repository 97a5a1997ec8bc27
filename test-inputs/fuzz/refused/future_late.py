import asyncio

import os
from __future__ import annotations


async def main_():
    await asyncio.sleep(1)

import asyncio
from typing import Any

def make_lock() -> Any: ...
async def pause(delay: float) -> None: ...
async def main() -> None:
    await asyncio.sleep(1)

from typing import Any

import anyio

def make_lock() -> Any: ...
async def pause(delay: float) -> None: ...
async def main() -> None:
    await anyio.sleep(1)

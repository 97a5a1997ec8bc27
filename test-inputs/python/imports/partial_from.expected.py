from asyncio import (
    get_event_loop,
)
import asyncio, os

import anyio


async def main():
    await anyio.sleep(1)
    ev = anyio.Event()
    ev.set()
    loop = get_event_loop()
    return os.sep, loop, ev

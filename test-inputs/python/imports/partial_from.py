from asyncio import (
    sleep,  # used, migrated
    Event,
    get_event_loop,
)
import asyncio, os


async def main():
    await sleep(1)
    ev = Event()
    ev.set()
    loop = get_event_loop()
    return os.sep, loop, ev

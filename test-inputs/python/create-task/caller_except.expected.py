import asyncio

import anyio


async def fetch(name):
    await anyio.sleep(0)
    return name


async def both():
    # Its failure is caught by main(): kept.
    a = asyncio.create_task(fetch("a"))
    b = asyncio.create_task(fetch("b"))
    await a
    await b


async def other():
    # No caller catches: migrated.
    c = asyncio.create_task(fetch("c"))
    d = asyncio.create_task(fetch("d"))
    await c
    await d


async def main():
    try:
        await both()
    except ValueError:
        pass
    await other()

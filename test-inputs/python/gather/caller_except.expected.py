import asyncio

import anyio


async def fetch(name):
    await anyio.sleep(0)
    return name


async def fetch_all():
    # Its failure is caught by main() (through load()): kept.
    return await asyncio.gather(fetch("a"), fetch("b"))


async def load():
    return await fetch_all()


class Client:
    async def refresh(self):
        # Called by name on an object of unknown class inside a try: kept.
        await asyncio.gather(fetch("c"), fetch("d"))


async def warm():
    # No caller catches: migrated.
    await asyncio.gather(fetch("e"), fetch("f"))


async def main(client):
    try:
        await load()
        await client.refresh()
    except ValueError:
        pass
    await warm()

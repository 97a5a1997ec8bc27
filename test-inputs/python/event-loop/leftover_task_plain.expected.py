import asyncio

import anyio

beats = []


async def heartbeat():
    while True:
        await anyio.sleep(0.01)
        beats.append(1)


async def main():
    asyncio.ensure_future(heartbeat())
    await anyio.sleep(0.05)
    return "served"


def run():
    result = anyio.run(main)
    return result

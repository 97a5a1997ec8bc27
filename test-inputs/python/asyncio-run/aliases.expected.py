"""Entry point."""

import anyio


async def main(name):
    print(name)


def run(x):  # a local function called run is not asyncio.run
    return x


run(main)
anyio.run(main, "a")
anyio.run(main, "b")

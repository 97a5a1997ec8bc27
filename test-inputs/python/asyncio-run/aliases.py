"""Entry point."""
from asyncio import run as start
import asyncio as aio


async def main(name):
    print(name)


def run(x):  # a local function called run is not asyncio.run
    return x


run(main)
start(main("a"))
aio.run(main("b"))

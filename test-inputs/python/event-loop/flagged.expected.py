import asyncio

import anyio


async def tick():
    await anyio.sleep(0)


def forever():
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    loop.create_task(tick())
    loop.run_forever()


def twice():
    loop = asyncio.get_event_loop()
    loop.run_until_complete(tick())
    loop.run_until_complete(tick())


async def callbacks():
    loop = asyncio.get_running_loop()
    loop.call_soon(print, "soon")
    loop.call_later(1, print, "later")
    handle_signals(loop)


def handle_signals(loop):
    return loop


async def inline_other():
    asyncio.get_running_loop().call_soon(print, "x")

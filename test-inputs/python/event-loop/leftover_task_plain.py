import asyncio

beats = []


async def heartbeat():
    while True:
        await asyncio.sleep(0.01)
        beats.append(1)


async def main():
    asyncio.ensure_future(heartbeat())
    await asyncio.sleep(0.05)
    return "served"


def run():
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    result = loop.run_until_complete(main())
    loop.close()
    return result

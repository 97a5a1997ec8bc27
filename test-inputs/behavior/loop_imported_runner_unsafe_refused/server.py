import asyncio


async def handle():
    await asyncio.sleep(0)
    return "served"


def serve():
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    result = loop.run_until_complete(handle())
    return result

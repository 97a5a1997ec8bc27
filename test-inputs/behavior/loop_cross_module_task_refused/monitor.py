import asyncio

log = []


async def heartbeat():
    try:
        while True:
            await asyncio.sleep(0.01)
    finally:
        log.append("heartbeat stopped")


async def start():
    asyncio.ensure_future(heartbeat())

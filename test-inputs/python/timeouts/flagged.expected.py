import asyncio


async def main(fetch, loop_deadline, lock):
    async with asyncio.timeout(5) as cm:
        cm.reschedule(None)
        await fetch()
    async with asyncio.timeout_at(loop_deadline):
        await fetch()
    async with asyncio.timeout(5), lock:
        await fetch()
    cm2 = asyncio.timeout(1)
    async with cm2:
        await fetch()


async def stream(fetch):
    async with asyncio.timeout(5):
        yield await fetch()

import asyncio


async def tick(delay):
    await asyncio.sleep(delay)
    await asyncio.sleep(0)
    await asyncio.sleep(delay=0.5)
-    await asyncio.sleep(
        1,  # one second
    )

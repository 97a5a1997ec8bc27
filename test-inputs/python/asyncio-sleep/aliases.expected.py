
import anyio


async def tick():
    await anyio.sleep(1)
    await anyio.sleep(2)
    await anyio.sleep(3)

import asyncio


class Closed(Exception):
    pass


async def crash():
    try:
        await asyncio.sleep(1)
    finally:
        1 / 0


async def close_conn():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        raise Closed("connection closed")


async def reraise_only():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError as e:
        raise e


async def main():
    async with asyncio.timeout(0.01):
        await crash()
    await asyncio.wait_for(close_conn(), 0.01)
    task = asyncio.create_task(crash())
    await asyncio.wait_for(task, 0.01)
    await asyncio.wait_for(reraise_only(), 0.01)

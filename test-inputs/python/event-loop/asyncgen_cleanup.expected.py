import asyncio
import contextlib

log = []


async def rows(cursor):
    try:
        for row in cursor:
            yield row
    finally:
        log.append("cursor closed")


async def pages():
    async with contextlib.AsyncExitStack():
        yield 1


async def first_row():
    async for row in rows([1, 2, 3]):
        return row


async def main():
    return await first_row()


def run():
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    result = loop.run_until_complete(main())
    loop.close()
    return result

"""The standard-library section empties: its blank line goes with it."""
import asyncio

import attr

from myservice import settings


async def serve():
    await settings.main()


def run():
    asyncio.run(serve())
    return attr

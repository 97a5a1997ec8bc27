"""The standard-library section empties: its blank line goes with it."""
import anyio
import attr

from myservice import settings


async def serve():
    await settings.main()


def run():
    anyio.run(serve)
    return attr

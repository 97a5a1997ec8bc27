"""The standard-library section empties: its blank line goes with it."""
import anyio
import attr

from myservice import settings


def run():
    anyio.run(settings.main)
    return attr

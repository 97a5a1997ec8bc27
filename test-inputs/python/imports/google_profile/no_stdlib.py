"""The standard-library section empties: its blank line goes with it."""
import asyncio

import attr

from myservice import settings


def run():
    asyncio.run(settings.main())
    return attr

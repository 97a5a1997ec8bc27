from inspect import isclass
import os

import anyio
import anyio_helpers
from zlib_ng import compress

import helpers
from myservice import settings


async def main():
    await anyio.sleep(0)
    return isclass, os, anyio_helpers, compress, helpers, settings

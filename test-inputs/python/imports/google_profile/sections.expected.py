"""Imports sorted by isort's google profile: one name a line, `import` and `from` mixed."""
from collections import OrderedDict
import functools
import inspect
import os

import anyio
import attr
from yarl import URL

from myservice import settings
from myservice.db import Session


async def main():
    await anyio.sleep(0)
    if inspect.iscoroutinefunction(main):
        return OrderedDict(), functools, os, attr, URL, settings, Session

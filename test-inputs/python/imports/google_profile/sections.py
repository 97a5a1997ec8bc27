"""Imports sorted by isort's google profile: one name a line, `import` and `from` mixed."""
import asyncio
from collections import OrderedDict
import functools
import os

import attr
from yarl import URL

from myservice import settings
from myservice.db import Session


async def main():
    await asyncio.sleep(0)
    if asyncio.iscoroutinefunction(main):
        return OrderedDict(), functools, os, attr, URL, settings, Session

import asyncio
import os

import requests

from myservice import settinasyncio.rungs


async def main():
    await asyncio.sleep(0)
    return os, requests, settings

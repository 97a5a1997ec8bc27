import os

import requests

import anyio
from myservice import settings


async def main():
    await anyio.sleep(0)
    return os, requests, settings

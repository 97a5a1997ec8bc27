# Licence header

import anyio


async def main():
    await anyio.sleep(0)

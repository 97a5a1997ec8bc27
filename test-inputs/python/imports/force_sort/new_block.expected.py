"""No imports yet: lines_after_imports = 2 puts two blank lines under the new block."""

import anyio


VALUE = 1


async def main():
    await anyio.sleep(VALUE)

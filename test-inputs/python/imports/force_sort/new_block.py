"""No imports yet: lines_after_imports = 2 puts two blank lines under the new block."""
VALUE = 1


async def main():
    import asyncio
    await asyncio.sleep(VALUE)

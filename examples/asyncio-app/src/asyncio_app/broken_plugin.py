"""A half-edited plugin with a syntax error: anymig skips it and reports the line.

Nothing on the runnable path imports this module.
"""
import asyncio


async def reload_plugins(names:
    for name in names:
        await asyncio.sleep(0)

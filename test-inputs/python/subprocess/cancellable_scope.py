import asyncio
from asyncio.subprocess import DEVNULL

import anyio


async def run(cmd):
    with anyio.move_on_after(5):
        p = await asyncio.create_subprocess_exec(*cmd, stdin=DEVNULL)
        return await p.wait()


async def free(cmd):
    p = await asyncio.create_subprocess_exec(*cmd, stdin=DEVNULL)
    return await p.wait()

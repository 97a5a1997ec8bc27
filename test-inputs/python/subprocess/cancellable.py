import asyncio
from asyncio.subprocess import DEVNULL, PIPE

import anyio


async def run(cmd):
    p = await asyncio.create_subprocess_exec(*cmd, stdin=DEVNULL, stdout=PIPE)
    out, _ = await p.communicate()
    return out


async def timed(cmd):
    return await asyncio.wait_for(run(cmd), 5)


async def timed_anyio(cmd):
    with anyio.fail_after(5):
        return await run(cmd)


async def held(cmd):
    p = await asyncio.create_subprocess_shell(cmd, stdin=DEVNULL)
    return await p.wait()


async def later(cmd):
    pending = held(cmd)
    return await asyncio.wait_for(pending, 5)

import asyncio
import subprocess

import anyio


async def run(cmd):
    with anyio.move_on_after(5):
        p = await asyncio.create_subprocess_exec(*cmd, stdin=subprocess.DEVNULL)
        return await p.wait()


async def free(cmd):
    p = await anyio.run_process([*cmd], stdout=None, stderr=None, check=False)
    return p.returncode

import asyncio
import subprocess as sp
from asyncio import subprocess


async def run(cmd):
    p = await asyncio.create_subprocess_exec(*cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE)
    rc = await p.wait()
    return rc, sp.run

import asyncio
from asyncio import subprocess


async def run(cmd):
    p = await asyncio.create_subprocess_exec(*cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE)
    out, _ = await p.communicate()
    return out, subprocess.STDOUT


def spawn_args(subprocess):
    return subprocess, asyncio.subprocess.PIPE


_subprocess = "taken"

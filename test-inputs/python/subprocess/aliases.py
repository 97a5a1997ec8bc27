from asyncio import create_subprocess_exec
from asyncio.subprocess import DEVNULL, PIPE


async def run(cmd):
    p = await create_subprocess_exec(*cmd, stdin=DEVNULL, stdout=PIPE)
    await p.communicate()
    return p.returncode

import subprocess as sp

import anyio


async def run(cmd):
    p = await anyio.run_process([*cmd], stdout=sp.PIPE, stderr=None, check=False)
    rc = p.returncode
    return rc, sp.run

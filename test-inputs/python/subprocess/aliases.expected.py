import subprocess

import anyio


async def run(cmd):
    p = await anyio.run_process(
        [*cmd], stdout=subprocess.PIPE, stderr=None, check=False
    )
    return p.returncode

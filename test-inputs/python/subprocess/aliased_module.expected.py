import subprocess as _subprocess_2

import anyio


async def run(cmd):
    p = await anyio.run_process(
        [*cmd], stdout=_subprocess_2.PIPE, stderr=None, check=False
    )
    out, _ = p.stdout, p.stderr
    return out, _subprocess_2.STDOUT


def spawn_args(subprocess):
    return subprocess, _subprocess_2.PIPE


_subprocess = "taken"

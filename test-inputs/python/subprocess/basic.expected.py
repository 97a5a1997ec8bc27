import subprocess
import sys

import anyio


async def capture(args):
    proc = await anyio.run_process(
        [sys.executable, "-c", "print('hi')", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        check=False,
    )
    out, err = proc.stdout, proc.stderr
    return proc.returncode, out, err


async def send_input(data):
    p = await anyio.run_process(
        ["cat"], input=data, stdout=subprocess.PIPE, stderr=None, check=False
    )
    out, _ = p.stdout, p.stderr
    return out


async def shell(cmd):
    p = await anyio.run_process(
        cmd, stderr=subprocess.STDOUT, stdout=subprocess.PIPE, check=False
    )
    return p.stdout, p.stderr


async def status(path):
    p = await anyio.run_process(
        ["test", "-e", path], cwd="/", stdout=None, stderr=None, check=False
    )
    code = p.returncode
    return code == 0

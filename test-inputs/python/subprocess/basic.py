import asyncio
import sys


async def capture(args):
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", "print('hi')", *args,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await proc.communicate()
    return proc.returncode, out, err


async def send_input(data):
    p = await asyncio.create_subprocess_exec("cat", stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
    out, _ = await p.communicate(data)
    return out


async def shell(cmd):
    p = await asyncio.create_subprocess_shell(cmd, stdin=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.STDOUT, stdout=asyncio.subprocess.PIPE)
    return await p.communicate()


async def status(path):
    p = await asyncio.create_subprocess_exec("test", "-e", path, stdin=asyncio.subprocess.DEVNULL, cwd="/")
    code = await p.wait()
    return code == 0

import asyncio
import sys


async def capture():
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", "import sys; print('out'); print('err', file=sys.stderr); sys.exit(3)",
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await proc.communicate()
    print(proc.returncode, out, err)


async def feed():
    p = await asyncio.create_subprocess_exec(
        sys.executable, "-c", "import sys; print(sys.stdin.read().upper())",
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
    out, _ = await p.communicate(b"hello")
    print(out, p.returncode)


async def shell():
    p = await asyncio.create_subprocess_shell(
        "echo one; echo two 1>&2", stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    result = await p.communicate()
    print(result)


async def status():
    p = await asyncio.create_subprocess_exec(sys.executable, "-c", "pass", stdin=asyncio.subprocess.DEVNULL)
    code = await p.wait()
    print("exit", code)


async def main():
    await capture()
    await feed()
    await shell()
    await status()


asyncio.run(main())

# CPython's test_asyncio shape: `from asyncio import subprocess` binds the name `subprocess` to
# asyncio's module, so its constants are spelled `subprocess.PIPE`. They become the stdlib's
# (the same objects) under an alias the import rule picks: `import subprocess as _subprocess`.
import asyncio
import sys
from asyncio import subprocess


async def main():
    p = await asyncio.create_subprocess_exec(
        sys.executable, "-c", "import sys; print(sys.stdin.read().upper())",
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
    )
    out, err = await p.communicate(b"piped")
    print(out.decode().strip(), err, p.returncode)


asyncio.run(main())

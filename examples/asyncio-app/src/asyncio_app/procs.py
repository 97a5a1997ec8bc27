"""Child processes: asyncio.create_subprocess_exec followed by communicate()."""
import asyncio
import sys


async def python_version_line():
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", "import sys; print('child', sys.version_info[0])",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    stdout, stderr = await proc.communicate()
    return stdout.decode().strip(), proc.returncode

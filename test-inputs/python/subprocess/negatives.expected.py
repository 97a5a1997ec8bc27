"""asyncio.create_subprocess_exec() in a docstring."""
import subprocess

import anyio


async def shadowed(asyncio):
    p = await asyncio.create_subprocess_exec("ls")
    return await p.communicate()


def sync_version():
    return subprocess.run(["ls"], stdout=subprocess.PIPE, check=False)


async def real():
    await anyio.sleep(0)

import asyncio
import subprocess


async def inherit_stdin():
    p = await asyncio.create_subprocess_exec("ls", stdout=subprocess.PIPE)
    out, _ = await p.communicate()
    return out


async def streaming():
    p = await asyncio.create_subprocess_exec(
        "ls", stdin=subprocess.DEVNULL, stdout=subprocess.PIPE
    )
    line = await p.stdout.readline()
    await p.wait()
    return line


async def used_later():
    p = await asyncio.create_subprocess_exec("ls", stdin=subprocess.DEVNULL)
    await p.wait()
    return p.pid


async def not_next():
    p = await asyncio.create_subprocess_exec("ls", stdin=subprocess.DEVNULL)
    print("started")
    await p.wait()


async def unknown_keyword():
    p = await asyncio.create_subprocess_exec(
        "ls", stdin=subprocess.DEVNULL, limit=2**20
    )
    await p.wait()


async def not_named():
    return await (await asyncio.create_subprocess_exec("ls")).wait()

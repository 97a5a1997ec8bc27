import asyncio
import subprocess as sp


def options():
    return {"stdout": asyncio.subprocess.PIPE, "stderr": asyncio.subprocess.STDOUT, "other": sp.PIPE}

# asyncssh's process.py: constants imported from asyncio.subprocess that this module compares
# against and that its package re-exports (`from .process import DEVNULL, PIPE, STDOUT`). The
# comparisons are migrated to subprocess.PIPE / subprocess.DEVNULL (the same values); the import
# must stay, or `from helpers import PIPE` in main.py fails.
from asyncio.subprocess import DEVNULL, PIPE


def mode(target):
    if target == PIPE:
        return "pipe"
    if target == DEVNULL:
        return "devnull"
    return "other"

# behavior: asyncio-only
# expect-flag: AM212 [needs-review] asyncio.create_subprocess_exec() kept: `asyncio.wait_for()` (line
# expect-output: timed out
# expect-output: child finished: True
# A cancelled `await p.communicate()` leaves asyncio's child running; anyio.run_process() kills
# the child when the awaiting task is cancelled. The build before this check rewrote it, and the
# program printed `child finished: False`.
import asyncio
import os
import sys
import tempfile

MARK = os.path.join(tempfile.mkdtemp(), "done")
CHILD = f"import time; time.sleep(0.3); open({MARK!r}, 'w').write('x')"


async def run():
    p = await asyncio.create_subprocess_exec(
        sys.executable, "-c", CHILD, stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE
    )
    out, err = await p.communicate()
    return out


async def main():
    try:
        await asyncio.wait_for(run(), 0.1)
    except asyncio.TimeoutError:
        print("timed out")
    for _ in range(200):
        if os.path.exists(MARK):
            break
        await asyncio.sleep(0.05)
    print("child finished:", os.path.exists(MARK))


asyncio.run(main())

# behavior: asyncio-only
# migrate-args: --exclude netlib.py
# expect-output: ['closed cleanly', 'timed out']
# expect-flag: asyncio.wait_for() kept: it awaits `netlib.fetch(log)` (line 
# A timeout around a library coroutine whose cancellation handler awaits cleanup: asyncio's
# wait_for cancels it once and the cleanup runs; anyio's fail_after would cancel the cleanup's
# await again, so the close frame would be lost (['timed out'] after the old migration).
import asyncio

import netlib


async def main():
    log = []
    await asyncio.sleep(0)
    try:
        await asyncio.wait_for(netlib.fetch(log), 0.05)
    except asyncio.TimeoutError:
        log.append("timed out")
    print(log)


asyncio.run(main())

# behavior: asyncio-only
# migrate-args: --exclude framework.py
# expect-output: ['handler cancelled', 'saved']
# expect-flag: asyncio.shield() kept: `handle` is handed on as a value
# A request handler handed to a framework outside the run shields its write: the framework
# cancels the handler natively, asyncio's shield releases it at once and the write goes on;
# anyio's shield does not stop a native cancellation, so the write would be lost
# (['handler cancelled'] after the old migration).
import asyncio

import framework


async def save(log):
    await asyncio.sleep(0.3)
    log.append("saved")


async def handle(log):
    await asyncio.shield(save(log))


async def main():
    log = []
    await framework.serve(handle, log)
    await asyncio.sleep(0.5)
    print(log)


asyncio.run(main())

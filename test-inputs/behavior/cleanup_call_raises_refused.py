# behavior: asyncio-only
# migrate-args: --target-anyio 3.6.2
# expect-flag: may raise an exception of its own (`upload.abort()` (line
# expect-flag: below anyio 4.0 (target 3.6) fail_after replaces any exception
# expect-output: ConnectionAbortedError upload aborted with 1 part pending
# An upload whose cancellation handler logs, then calls abort(), which raises when parts are
# pending. asyncio's wait_for lets that exception through; anyio 3.6.2's fail_after replaces
# any exception leaving its block after the deadline with TimeoutError, so the old migration
# (calls in cleanup were assumed not to raise) printed `TimeoutError `. Kept below anyio 4.0.
import asyncio
import logging

log = logging.getLogger("uploads")


class Upload:
    def __init__(self):
        self.pending = ["part 2"]

    def abort(self):
        if self.pending:
            raise ConnectionAbortedError(f"upload aborted with {len(self.pending)} part pending")


async def send(upload):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        log.info("send cancelled")
        upload.abort()
        raise


async def main():
    try:
        await asyncio.wait_for(send(Upload()), 0.05)
    except Exception as e:
        print(type(e).__name__, e)


asyncio.run(main())

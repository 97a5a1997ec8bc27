# behavior: asyncio-only
# migrate-args: --target-anyio 3.6.2
# expect-flag: AM202 [needs-review] asyncio.wait_for() kept: the cancellation handler at line
# expect-flag: may raise an exception of its own (
# expect-flag: below anyio 4.0 (target 3.6) fail_after replaces any exception
# expect-output: ConnectionAbortedError: upload aborted
# An upload whose cancellation handler turns the cancellation into the connection's own error,
# under a timeout. asyncio's wait_for lets that error through; anyio 3.x's fail_after replaces any
# exception that leaves its block after the deadline with TimeoutError. Kept below anyio 4.0.
import asyncio


async def upload():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        raise ConnectionAbortedError("upload aborted")


async def main():
    try:
        await asyncio.wait_for(upload(), 0.02)
    except Exception as e:
        print(f"{type(e).__name__}: {e}")


asyncio.run(main())

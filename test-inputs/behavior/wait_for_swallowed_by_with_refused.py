# behavior: asyncio-only
# expect-flag: AM202 [needs-review] asyncio.wait_for() kept: the `with` catching exceptions at line
# expect-flag: in `poll_feed` swallows the cancellation
# expect-output: stopped
# A feed poller that stops quietly when it is cancelled (`contextlib.suppress(CancelledError)`)
# and reports it, run for a bounded time with wait_for. asyncio cancels it once: the
# suppress ends the loop and wait_for returns the report. Under fail_after the scope raises
# TimeoutError instead (anyio's timeout does not return what the function returns), so the
# wait_for is kept, naming the `with`.
import asyncio
import contextlib


async def poll_feed():
    with contextlib.suppress(asyncio.CancelledError):
        while True:
            await asyncio.sleep(0.01)
    return "stopped"


async def main():
    try:
        print(await asyncio.wait_for(poll_feed(), 0.05))
    except TimeoutError:
        print("timed out")


asyncio.run(main())

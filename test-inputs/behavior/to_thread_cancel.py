# expect-output: ['export timed out', 'export done']
# expect-migrated: anyio.to_thread.run_sync(export_report, "q4", cancellable=True)
# A request handler that gives a blocking export one tenth of a second. asyncio's
# to_thread/run_in_executor future releases the waiting task at once when it is cancelled
# (the thread runs on in the background); anyio's run_sync shields the wait by default, so
# without cancellable=True the timeout would only be seen once the export finished.
import asyncio
import time

log = []


def export_report(name):
    time.sleep(0.4)
    log.append("export done")


async def handle():
    loop = asyncio.get_running_loop()
    try:
        await asyncio.wait_for(asyncio.to_thread(export_report, "q4"), 0.1)
    except asyncio.TimeoutError:
        log.append("export timed out")
    try:
        await asyncio.wait_for(loop.run_in_executor(None, export_report, "q4"), 5)
    except asyncio.TimeoutError:
        log.append("never")


async def main():
    await handle()
    await asyncio.sleep(0.6)
    print(log[:2])


asyncio.run(main())

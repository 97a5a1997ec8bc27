# behavior: asyncio-only
# expect-flag: AM210 [needs-review] asyncio.to_thread(): the function it runs logs (`log.info()`
# expect-output: asyncio_0: exported 3 rows
# The export logs with a format that names the thread. asyncio's executor threads are named
# asyncio_N; anyio's worker threads 'AnyIO worker thread', so after the old migration the line
# read "AnyIO worker thread: exported 3 rows". The format is usually set elsewhere (the
# application's logging configuration), so the fix is unsafe (applied with --unsafe-fixes).
import asyncio
import logging
import sys

log = logging.getLogger("export")


def export(rows):
    log.info("exported %d rows", len(rows))


async def main():
    await asyncio.to_thread(export, [1, 2, 3])


logging.basicConfig(stream=sys.stdout, format="%(threadName)s: %(message)s", level=logging.INFO)
asyncio.run(main())

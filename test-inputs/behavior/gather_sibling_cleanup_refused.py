# behavior: asyncio-only
# expect-flag: AM201 [needs-review] asyncio.gather() kept: when one awaitable fails the task group cancels the others, and the `finally` block at line
# expect-output: ['upload a: flushed', 'upload b: flushed']
# Two uploads run together; each flushes its buffer in a `finally` that awaits. Upload a fails and
# the failure ends the program. asyncio cancels upload b once, at asyncio.run()'s end, and its
# flush completes; a task group cancels b when a fails, and its cancelled scope cancels the
# flush's await again: b's flush is lost (`['upload a: flushed']`). Kept, naming the `finally`.
# (The failure is uncaught on purpose; the exit hook prints the log and exits 0 so the suite can
# compare outputs.)
import asyncio
import atexit
import os
import sys

log = []


def report():
    print(log)
    sys.stdout.flush()
    os._exit(0)


atexit.register(report)


async def upload(name, delay, fail=False):
    try:
        await asyncio.sleep(delay)
        if fail:
            raise ConnectionError(f"{name} refused")
    finally:
        await asyncio.sleep(0)
        log.append(f"upload {name}: flushed")


async def main():
    await asyncio.gather(upload("a", 0.05, fail=True), upload("b", 0.3))


asyncio.run(main())

# behavior: asyncio-only
# expect-flag: AM206 [needs-review] asyncio.shield() kept: the module still cancels through asyncio
# expect-flag: from Python 3.11 a Ctrl-C cancels its main task natively, and the cancellation handler at line
# expect-output: ['shutting down', 'committed', 'interrupted']
# A service stopped with Ctrl-C while a shielded commit runs, whose main coroutine shuts down
# gracefully (awaits closing its connections) before re-raising. From Python 3.11 asyncio.run (and
# anyio.run on asyncio, which is asyncio.run) cancels the main task natively on SIGINT: asyncio's
# shield lets the commit finish while the shutdown awaits; anyio's shield does not stop the native
# cancellation, so migrating the shield would lose the commit. Kept, naming the runner and the
# handler. (The Ctrl-C is sent by the program itself; asyncio-only: trio raises KeyboardInterrupt
# instead of cancelling.)
import asyncio
import signal

log = []


async def commit():
    await asyncio.sleep(0.05)
    log.append("committed")


async def save():
    # The commit must finish even when the service is stopped while it runs.
    await asyncio.shield(commit())


async def serve():
    asyncio.get_running_loop().call_later(0.01, signal.raise_signal, signal.SIGINT)  # Ctrl-C
    await save()


async def main():
    try:
        await serve()
    except asyncio.CancelledError:
        log.append("shutting down")
        await asyncio.sleep(0.1)  # graceful shutdown: close connections
        raise


try:
    asyncio.run(main())
except KeyboardInterrupt:
    log.append("interrupted")
print(log)

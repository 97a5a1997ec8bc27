# behavior: asyncio-only
# expect-migrated: with anyio.CancelScope(shield=True):
# expect-output: ['shutting down', 'interrupted']
# A service stopped with Ctrl-C while a shielded commit runs, whose main coroutine re-raises at
# once. From Python 3.11 asyncio.run cancels the main task natively on SIGINT, which anyio's shield
# does not stop; but nothing awaits after it, and the runner's shutdown then cancels asyncio's
# shielded task too: the commit is lost either way, and the shield is migrated. (The Ctrl-C is
# sent by the program itself; asyncio-only: trio raises KeyboardInterrupt instead of cancelling.)
import asyncio
import signal

log = []


async def commit():
    await asyncio.sleep(0.05)
    log.append("committed")


async def save():
    # The commit must finish even when the request that asked for it is cancelled.
    await asyncio.shield(commit())


async def serve():
    asyncio.get_running_loop().call_later(0.01, signal.raise_signal, signal.SIGINT)  # Ctrl-C
    await save()


async def main():
    try:
        await serve()
    except asyncio.CancelledError:
        log.append("shutting down")
        raise


try:
    asyncio.run(main())
except KeyboardInterrupt:
    log.append("interrupted")
print(log)

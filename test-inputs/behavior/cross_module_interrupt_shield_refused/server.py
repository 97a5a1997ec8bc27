import asyncio
import signal

from store import log, save


async def serve():
    asyncio.get_running_loop().call_later(0.1, signal.raise_signal, signal.SIGINT)  # Ctrl-C
    try:
        await save()
    except asyncio.CancelledError:
        log.append("shutting down")
        await asyncio.sleep(1.0)  # graceful shutdown: close connections
        raise

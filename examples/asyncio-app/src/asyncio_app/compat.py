"""Backend helpers, in the seed's batch-9 shape: anyio when installed, asyncio otherwise."""
import logging

try:
    import anyio
    HAS_ANYIO = True
except ImportError:
    import asyncio
    HAS_ANYIO = False

log = logging.getLogger(__name__)


def backend_name():
    return "anyio" if HAS_ANYIO else "asyncio"


async def pause(seconds):
    if HAS_ANYIO:
        # the anyio path: its comments survive the fold
        await anyio.sleep(seconds)
        log.debug("paused %s", seconds)
    else:
        await asyncio.sleep(seconds)


def require_anyio():
    if not HAS_ANYIO:
        raise RuntimeError("anyio is required")
    return True

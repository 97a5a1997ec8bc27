# slixmpp's xmlstream/handler/waiter.py: `TimeoutError` is asyncio's class, imported by name.
# Before Python 3.11 fail_after's builtin TimeoutError would escape this handler, so with the
# default target (3.8) the wait_for stays, and so does the handler.
import logging
from asyncio import Event, TimeoutError, wait_for

log = logging.getLogger(__name__)


async def wait_for_reply(event: Event, timeout: float) -> bool:
    try:
        await wait_for(event.wait(), timeout)
    except TimeoutError:
        log.warning("timed out")
        return False
    return True

"""Loop-level code with no anyio equivalent: get_event_loop() and a bare asyncio.Future()."""
import asyncio


async def wait_for_signal():
    loop = asyncio.get_event_loop()
    fut = asyncio.Future()
    loop.call_later(0.01, fut.set_result, "ready")
    return await fut

"""A module written for both worlds, as in the seed's batch 9."""
import time

try:
    import anyio
    HAS_ANYIO = True
except ImportError:
    import asyncio
    HAS_ANYIO = False


async def pause(seconds):
    if HAS_ANYIO:
        # the anyio path
        await anyio.sleep(seconds)
    else:
        await asyncio.sleep(seconds)
    return "anyio" if HAS_ANYIO else "asyncio"


async def main():
    started = time.monotonic()
    which = await pause(0.01)
    if not HAS_ANYIO:
        print("fallback path")
    label = HAS_ANYIO and "both backends"
    print("paused with", which, label, time.monotonic() - started >= 0.005)


if __name__ == "__main__":
    if HAS_ANYIO:
        anyio.run(main)
    else:
        asyncio.run(main())

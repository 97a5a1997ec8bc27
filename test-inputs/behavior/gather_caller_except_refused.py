# behavior: asyncio-only
# expect-flag: AM201 [needs-review] asyncio.gather() inside try/except (line
# expect-flag: , in a function calling this one): a task group raises an ExceptionGroup on anyio 4
# expect-output: ['failed: inventory down', 'prices']
# A fan-out helper (`fetch_all`) whose caller catches the failure of one backend and carries on.
# asyncio.gather raises the first exception and leaves the other fetches running: the prices
# still arrive. A task group would cancel them (and raise an ExceptionGroup on anyio 4, which
# `except ValueError` does not catch). The try/except is in the caller, not around the gather:
# kept, naming the caller's try.
import asyncio

log = []


async def fetch(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise ValueError(f"{name} down")
    log.append(name)
    return name


async def fetch_all():
    return await asyncio.gather(fetch("inventory", 0.05, fail=True), fetch("prices", 0.3))


async def main():
    try:
        await fetch_all()
    except ValueError as e:
        log.append(f"failed: {e}")
    await asyncio.sleep(0.6)
    print(log)


asyncio.run(main())

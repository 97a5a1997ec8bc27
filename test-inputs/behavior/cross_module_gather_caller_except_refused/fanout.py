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

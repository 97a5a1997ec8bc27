import asyncio


async def ticker(log):
    for i in range(6):
        log.append(i)
        await asyncio.sleep(0)  # yields one loop step, then appends again


async def fetch(n):
    await asyncio.sleep(0)
    return n  # nothing observable after the yield


async def checked(n):
    if n:
        await asyncio.sleep(0.0)
    else:
        pass
    return n * 2


async def failing():
    raise ValueError("down")


async def kept(log):
    await asyncio.gather(failing(), ticker(log))


async def rewritten(log):
    log.extend(await asyncio.gather(fetch(1), checked(2), failing()))


async def tasks(log):
    t1 = asyncio.create_task(ticker(log))
    t2 = asyncio.create_task(failing())
    return await asyncio.gather(t1, t2)


# Each failure reaches asyncio.run(), which ends the program's run: nothing awaits on its way out.
try:
    asyncio.run(kept([]))
except ValueError:
    pass
try:
    asyncio.run(rewritten([]))
except ValueError:
    pass
try:
    asyncio.run(tasks([]))
except ValueError:
    pass

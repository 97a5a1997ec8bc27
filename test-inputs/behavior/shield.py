import asyncio


async def save(log, delay):
    await asyncio.sleep(delay)
    log.append("saved")
    return len(log)


async def plain(log):
    await asyncio.shield(save(log, 0.0))
    count = await asyncio.shield(save(log, 0.0))
    return count


async def returned(log):
    return await asyncio.shield(save(log, 0.0))


async def worker(log):
    await asyncio.shield(save(log, 0.05))
    log.append("after shield")


async def main():
    log = []
    print(await plain(log), await returned(log), log)
    # Cancelled (by a timeout) while the shielded save runs: the save still completes,
    # the code after the shield does not run, and the timeout is reported.
    log = []
    try:
        await asyncio.wait_for(worker(log), 0.01)
    except asyncio.TimeoutError:
        log.append("timed out")
    await asyncio.sleep(0.1)
    print("saved" in log, "after shield" in log, "timed out" in log)


asyncio.run(main())

# behavior: asyncio-only
# expect-flag: AM206 [needs-review] asyncio.shield() kept: a timeout may cancel it (
# expect-migrated: with anyio.CancelScope(shield=True):
# expect-output: 2 3 ['saved', 'saved', 'saved']
# expect-output: True False True
# Shields that no timeout reaches are migrated (plain, returned); the one a request timeout
# cancels (worker) is kept: asyncio's shield releases the caller at once, anyio's only after the
# save (this program prints the same either way; shield_under_timeout_refused.py shows the order).
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

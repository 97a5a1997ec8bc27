# behavior: asyncio-only
# expect-flag: AM206 [needs-review] asyncio.shield() kept: a timeout may cancel it (
# expect-migrated: with anyio.fail_after(0.05):
# expect-output: ['request timed out', 'saved 7']
# A request handler whose order write is shielded, under a request timeout. asyncio's shield
# releases the handler at once when the timeout fires (the write finishes in a task of its own);
# anyio's shield holds it until the write is done, so after the old migration the timeout was
# seen only after the write: ['saved 7', 'request timed out']. The timeout is migrated, the
# shield kept.
import asyncio

log = []


async def save(order):
    await asyncio.sleep(0.3)
    log.append(f"saved {order}")


async def handle(order):
    await asyncio.shield(save(order))
    log.append("handled")


async def main():
    try:
        await asyncio.wait_for(handle(7), 0.05)
    except asyncio.TimeoutError:
        log.append("request timed out")
    await asyncio.sleep(0.5)
    print(log)


asyncio.run(main())

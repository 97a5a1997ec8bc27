# A request handler with timeouts around work done in other modules of the package: the
# store's cancellation handler awaits a rollback, then re-raises. anymig migrates the store's
# handler (its rollback shielded) and, because the summary of the store says so, the timeouts
# in this module too.
# expect-output: ['handling', 'rolled back', 'timed out']
# expect-output: fast: ok
# expect-output: ['handling', 'rolled back', 'timed out', 'handling', 'committed']
import asyncio

from service.handlers import handle


async def main():
    log = []
    try:
        await asyncio.wait_for(handle(log, slow=True), 0.05)
    except asyncio.TimeoutError:
        log.append("timed out")
    print(log)
    print("fast:", await asyncio.wait_for(handle(log, slow=False), 1))
    print(log)


asyncio.run(main())

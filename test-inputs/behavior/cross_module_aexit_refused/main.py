# behavior: asyncio-only
# expect-flag: AM202 [needs-review] asyncio.wait_for() kept: it calls `db.Transaction` of another module of this run, and in
# expect-flag: cross_module_aexit_refused/db.py `Transaction.__aexit__` at line 14 (left by an `async with`) awaits (line 15) while the task is being cancelled
# expect-output: ['begin', 'rollback', 'request timed out', 'begin', 'commit']
import asyncio

import db


async def update_profile(log, slow):
    async with db.Transaction(log):
        await asyncio.sleep(1 if slow else 0)


async def main():
    # The timeout cancels the request inside the transaction: asyncio lets the rollback's await
    # run; anyio's timeout would cancel it again and lose the rollback.
    log = []
    try:
        await asyncio.wait_for(update_profile(log, slow=True), 0.02)
    except asyncio.TimeoutError:
        log.append("request timed out")
    await asyncio.wait_for(update_profile(log, slow=False), 1)
    print(log)


asyncio.run(main())

# behavior: asyncio-only
# expect-flag: AM206 [needs-review] asyncio.shield() kept: the module still cancels through asyncio
# expect-flag: (`compat.wait_for()` at line
# expect-flag: compat.py (asyncio.ensure_future kept at line 6 there))
# expect-output: ['timed out'] ['conn 1']
# A connection pool whose release shields the put-back (so a cancelled caller still returns the
# connection), called under a driver's own timeout wrapper from another module: the wrapper
# cancels through asyncio, which anyio's shield would not stop (the connection would be lost), so
# the shield is kept, naming the wrapper's call.
import asyncio

import compat


class Pool:
    def __init__(self):
        self.free = []
        self.log = []

    async def put_back(self, conn):
        await asyncio.sleep(0.05)
        self.free.append(conn)

    async def release(self, conn):
        await asyncio.shield(self.put_back(conn))
        self.log.append("released " + conn)


async def main():
    pool = Pool()
    try:
        await compat.wait_for(pool.release("conn 1"), 0.01)
    except asyncio.TimeoutError:
        pool.log.append("timed out")
    await asyncio.sleep(0.1)
    print(pool.log, pool.free)


asyncio.run(main())

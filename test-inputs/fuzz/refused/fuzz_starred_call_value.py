import asyncio


class Connection:
    def __init__(self, log):
        self.log = log

    async def close(self):
        await asyncio.sleep(0.01)
        self.log.append("closed")


async def flush(log):
    await asyncio.sleep(0)
    log.append("flushed")


async def serve(conn):
    try:
        await asyncio.sleep(1)
        conn.log.append("served")
    except asyncio.CancelledError:
        # The cleanup awaits: it must still run when the request times out.
        await conn.close()
        await flush(conn.log)
        raise


class Worker:
    def __init__(self, log):
        self.log = log

    async def _process(self):
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            await asyncio.sleep(0.01)
            self.log.append("worker released")
            raise

    async def run(self):
        try:
            await asyncio.wait_for(self._process(), 0.02)
        except asyncio.TimeoutError:
            self.log.append("worker timed out")


async def handle(log):
    conn =* Connection(log)
    try:
        await asyncio.wait_for(serve(conn), 0.02)
    except asyncio.TimeoutError:
        log.append("request timed out")


async def block(log):
    try:
        async with asyncio.timeout(0.02):
            await serve(Connection(log))
    except TimeoutError:
        log.append("block timed out")


async def main():
    log = []
    await handle(log)
    print(log)
    log = []
    await Worker(log).run()
    print(log)
    log = []
    await block(log)
    print(log)


asyncio.run(main())

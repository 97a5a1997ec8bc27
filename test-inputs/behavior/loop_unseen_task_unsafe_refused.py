# behavior: asyncio-only
# expect-flag: AM211 [needs-review] hand-driven event loop: `await monitor.start()` at line
# expect-output: served []
# The heartbeat task is started by a method of an object the module cannot type (in a real
# program a library's client or another package's service). run_until_complete() returns with
# the task pending and loop.close() drops it (asyncio prints `served []`); anyio.run() cancels
# it and runs its finally (`served ['heartbeat stopped']` after the old migration). Whether such
# code leaves a task or an async generator behind cannot be told, so the fix is unsafe.
import asyncio

log = []


class Monitor:
    async def heartbeat(self):
        try:
            while True:
                await asyncio.sleep(0.01)
        finally:
            log.append("heartbeat stopped")

    async def start(self):
        asyncio.ensure_future(self.heartbeat())


def make_monitor():
    return Monitor()


monitor = make_monitor()


async def main():
    await monitor.start()
    await asyncio.sleep(0.05)
    return "served"


def run():
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    result = loop.run_until_complete(main())
    loop.close()
    return result


print(run(), log)

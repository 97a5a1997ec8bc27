# behavior: asyncio-only
# expect-flag: AM201 [needs-review] asyncio.gather() kept: when one awaitable fails asyncio leaves the others running
# expect-flag: until asyncio.run() ends, and `ticker()` reaches `anyio.sleep(0)`
# expect-output: tick 0
# expect-output: tick 1
# expect-output: tick 2
# expect-output: tick 3
# expect-output: failed: inventory down
# The failure of `failing()` ends the program (asyncio.run() re-raises it), but asyncio's gather
# raises only after its callback runs, the main task then wakes, ends, and asyncio.run() stops the
# loop: `ticker()` runs on in those loop steps (ticks 1-3) before asyncio.run() cancels it. A task
# group cancels it at once: the session-start migration prints tick 0 only (on anyio's asyncio
# backend and on trio). Deterministic: no clock is involved, only loop steps.
import asyncio


async def ticker():
    for i in range(6):
        print("tick", i)
        await asyncio.sleep(0)


async def failing():
    raise ValueError("inventory down")


async def main():
    await asyncio.gather(failing(), ticker())


try:
    asyncio.run(main())
except ValueError as e:
    print("failed:", e)

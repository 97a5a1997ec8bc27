# behavior: asyncio-only
# expect-flag: AM210 [needs-review] asyncio.to_thread(): the function it runs may wait on another thread (`gate.wait()`
# expect-output: ['broken']
# The same meeting, with the barrier handed in: the function's wait is on an object whose
# class the module cannot tell, so the fix is unsafe (applied only with --unsafe-fixes).
import asyncio
import threading

SHARDS = 33


def export(gate):
    try:
        gate.wait()
        return "met"
    except threading.BrokenBarrierError:
        return "broken"


async def main():
    gate = threading.Barrier(SHARDS, timeout=2)
    results = await asyncio.gather(*[asyncio.to_thread(export, gate) for _ in range(SHARDS)])
    print(sorted(set(results)))


asyncio.run(main())

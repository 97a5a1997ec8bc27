# behavior: asyncio-only
# expect-flag: AM210 [needs-review] asyncio.to_thread() kept: the function it runs waits on another thread (`shards.wait()` of a threading.Barrier
# expect-output: ['broken']
# 33 shard exports meet at a barrier before they commit. asyncio's default executor runs at
# most min(32, cpu + 4) calls at once, so the barrier never fills and breaks after its
# timeout; anyio's default limiter runs 40 at once, so after the old migration they all met.
import asyncio
import threading

SHARDS = 33
shards = threading.Barrier(SHARDS, timeout=2)


def export(n):
    try:
        shards.wait()
        return "met"
    except threading.BrokenBarrierError:
        return "broken"


async def main():
    results = await asyncio.gather(*[asyncio.to_thread(export, n) for n in range(SHARDS)])
    print(sorted(set(results)))


asyncio.run(main())

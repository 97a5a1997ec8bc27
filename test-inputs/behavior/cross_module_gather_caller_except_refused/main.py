# behavior: asyncio-only
# expect-flag: AM201 [needs-review] asyncio.gather() inside try/except (`main.report` is called from
# expect-flag: main.py inside try/except (line
# expect-output: ['failed: inventory down', 'prices']
# gather_caller_except_refused.py split over two modules: the fan-out helper in fanout.py, the
# caller that catches one backend's failure and carries on here. asyncio.gather raises the first
# exception and leaves the other fetches running: the prices still arrive. A task group would
# cancel them (and raise an ExceptionGroup on anyio 4, which `except ValueError` does not catch).
# The try/except is in another module of the run: the run's summaries carry the calls made inside
# a try/except, so the gather is kept, naming this module's try.
import asyncio

from fanout import fetch_all, log


async def report():
    await fetch_all()


async def main():
    try:
        await report()
    except ValueError as e:
        log.append(f"failed: {e}")
    await asyncio.sleep(0.6)
    print(log)


asyncio.run(main())

# expect-output: ['build: done', 'test: done', 'deploy: done'] [True, True, True]
# Job builds its Event in a synchronous __init__ (workers/job.py). Before anyio 4.2 anyio.Event()
# can only be created in a running task; every file of the run that uses Job (this one through
# the package's re-export, workers/pool.py directly) calls it only inside an `async def`, and the
# annotation in workers/pool.py never calls it, so the rewrite is exact.
import asyncio

from workers import Job
from workers.pool import run_all


async def main():
    first = Job("build")
    first.finish()
    jobs = [first] + await run_all(["test", "deploy"])
    print([job.describe() for job in jobs], [job.done.is_set() for job in jobs])


asyncio.run(main())

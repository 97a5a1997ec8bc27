# behavior: asyncio-only
# expect-flag: AM103 [needs-review] asyncio.Event() in a synchronous function: before anyio 4.2
# expect-flag: (another file of the run may create it where no task runs:
# expect-flag: cross_module_event_reexport_refused/main.py:
# expect-flag: : `workers.Job` is used outside async code)
# expect-output: ['default: done', 'test: done'] [True, True]
# Job builds its Event in a synchronous __init__ (workers/job.py). workers/pool.py calls it only
# inside an `async def`, but this file, through the package's re-export (workers/__init__.py),
# creates one at import time, where no task runs: anyio.Event() raises there before anyio 4.2
# (sniffio.AsyncLibraryNotFoundError), so the Event is kept.
import asyncio

from workers import Job
from workers.pool import run_all

# At import time.

DEFAULT = Job("default")


async def main():
    DEFAULT.finish()
    jobs = [DEFAULT] + await run_all(["test"])
    print([job.describe() for job in jobs], [job.done.is_set() for job in jobs])


asyncio.run(main())

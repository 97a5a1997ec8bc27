# behavior: asyncio-only
# expect-flag: AM202 [needs-review] asyncio.wait_for() kept: it calls `jobs.fetch_page` of another module of this run, and in
# expect-flag: cross_module_refused/jobs.py the cancellation handler at line 14 in `fetch_page` awaits (line 15) while the task is being cancelled
# expect-output: page: ['row 1', 'row 2', 'saved']
import asyncio

import jobs


async def main():
    # asyncio's wait_for returns what the cancelled fetch returns (its partial page); anyio's
    # timeout would raise TimeoutError instead, and cancel the handler's await again.
    page = await asyncio.wait_for(jobs.fetch_page(), 0.02)
    print("page:", page)


asyncio.run(main())

# behavior: asyncio-only
# expect-flag: AM202 [needs-review] asyncio.wait_for() kept: it calls `self.repo.load_page()` (line
# expect-flag: on an object whose class cannot be told, and `repo.Repository.load_page` of another module of this run has that name; in
# expect-flag: cross_module_method_refused/repo.py the cancellation handler at line 17 in `load_page` awaits (line 19) while the task is being cancelled
# expect-output: {'status': 200, 'rows': ['row 1', 'row 2', 'partial']}
# expect-output: cached: ['row 1', 'row 2']
import asyncio

from repo import Repository


class PageHandler:
    def __init__(self, repo):
        self.repo = repo

    async def get(self):
        # A slow page: asyncio's wait_for returns the partial page the repository keeps on
        # cancellation; anyio's timeout would raise TimeoutError and cancel the keep() again.
        page = await asyncio.wait_for(self.repo.load_page(), 0.02)
        return {"status": 200, "rows": page}


async def main():
    repo = Repository()
    handler = PageHandler(repo)
    print(await handler.get())
    print("cached:", repo.cache)


asyncio.run(main())

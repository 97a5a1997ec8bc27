
import anyio


async def main(work):
    async with anyio.create_task_group() as group:
        group.start_soon(work, 1)
    async with anyio.create_task_group() as g:
        g.start_soon(work)

from asyncio import TaskGroup
import asyncio as aio


async def main(work):
    async with TaskGroup() as group:
        group.create_task(work(1))
    async with aio.TaskGroup() as g:
        g.create_task(work())

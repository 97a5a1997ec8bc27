# migrate-args: --target-anyio 4.4
# expect-migrated: with jobs_send, jobs_receive:
# expect-output: processed ['a', 'b'] done
# At --target-anyio 4.4 the queue becomes a memory object stream pair closed where the function
# that made it ends (anyio 4.4 warns for a stream garbage-collected unclosed): the worker and
# the producer run inside it, so closing after them changes nothing they see.
import asyncio

processed = []


async def worker(jobs):
    while (job := await jobs.get()) is not None:
        processed.append(job)


async def submit(jobs):
    await jobs.put("a")
    await jobs.put("b")
    await jobs.put(None)


async def main():
    jobs = asyncio.Queue(1)
    async with asyncio.TaskGroup() as tg:
        tg.create_task(worker(jobs))
        await submit(jobs)
    print("processed", processed, "done")


asyncio.run(main())

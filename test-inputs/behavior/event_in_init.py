import asyncio


class Job:
    def __init__(self, name):
        self.name = name
        # Created in a synchronous __init__, but Job is only built from async code.
        self.done = asyncio.Event()

    async def run(self, log):
        await asyncio.sleep(0.01)
        log.append(self.name + " finished")
        self.done.set()


def make_job(name):
    return Job(name)


async def main():
    log = []
    job = make_job("build")
    async with asyncio.TaskGroup() as tg:
        tg.create_task(job.run(log))
        await job.done.wait()
        log.append("waited for " + job.name)
    print(log)


asyncio.run(main())

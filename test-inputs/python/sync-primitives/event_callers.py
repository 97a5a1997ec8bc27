import asyncio


class Job:
    # Built only inside async functions: a task runs when the Event is created.
    def __init__(self, name):
        self.name = name
        self.done = asyncio.Event()

    def finish(self):
        self.done.set()


def describe(job: Job) -> str:
    # An annotation and an isinstance() argument never call the class.
    return job.name if isinstance(job, Job) else "?"


async def run_job(name):
    job = Job(name)
    job.finish()
    return describe(job), job.done.is_set()


class LibraryClient:
    # No code of this module creates it: its callers (a library's users) cannot be seen.
    def __init__(self):
        self.connected = asyncio.Event()

    def mark(self):
        self.connected.set()


def new_flag():
    # A module-level function no code of this module calls.
    return asyncio.Event()


class Connection:
    def reset(self):
        # A method other than __init__: it may run wherever a Connection goes.
        self.closed = asyncio.Event()


class Registry:
    def __init__(self):
        self.changed = asyncio.Event()


DEFAULT = Registry()  # at import time: no task runs

import asyncio


class Job:
    def __init__(self, name):
        self.name = name
        self.done = asyncio.Event()

    def finish(self):
        self.done.set()

    def describe(self):
        return self.name + (": done" if self.done.is_set() else ": pending")

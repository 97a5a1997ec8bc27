import asyncio

import anyio


class Waiter:
    def __init__(self):
        self.ready = anyio.Event()


class Exported:
    def __init__(self):
        self.ready = asyncio.Event()


class Subclassed:
    def __init__(self):
        self.ready = asyncio.Event()


class Child(Subclassed):
    pass


def make_waiter():
    return Waiter()


async def main():
    waiter = make_waiter()
    await waiter.ready.wait()
    return Exported(), Child()


exported = Exported()

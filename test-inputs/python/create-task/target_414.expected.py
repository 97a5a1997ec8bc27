import anyio


async def fetch(n, scale=1):
    await anyio.sleep(0.01)
    return n * scale


async def one():
    async with anyio.create_task_group() as tg:
        task = tg.create_task(fetch(1))
        other = await fetch(2)
    value = task.return_value
    return value + other


async def returned():
    async with anyio.create_task_group() as tg:
        task = tg.create_task(fetch(3, scale=2))
        print("working")
    return task.return_value


async def bare():
    async with anyio.create_task_group() as tg:
        tg.start_soon(fetch, 4)  # start early
        if True:
            print("meanwhile")


async def several():
    async with anyio.create_task_group() as tg:
        first = tg.create_task(fetch(5))
        second = tg.create_task(fetch(6), name="second")
        """A string statement
    spanning lines."""
    a = first.return_value
    b = second.return_value
    return a, b

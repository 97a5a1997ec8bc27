import asyncio

background_tasks = set()


async def fetch(n):
    return n


async def fire_and_forget():
    asyncio.create_task(fetch(1))
    task = asyncio.create_task(fetch(2))
    background_tasks.add(task)
    task.add_done_callback(background_tasks.discard)


async def cancelled():
    task = asyncio.create_task(fetch(3))
    print("not started yet")
    task.cancel()


async def never_awaited():
    task = asyncio.create_task(fetch(4))
    return None


async def other_block(flag):
    task = asyncio.create_task(fetch(5))
    if flag:
        return await task
    return None


async def early_exit(flag):
    task = asyncio.create_task(fetch(6))
    if flag:
        return None
    return await task


async def between_awaits():
    a = asyncio.create_task(fetch(7))
    b = asyncio.create_task(fetch(8))
    x = await a
    print(x)
    y = await b
    return y


async def handled():
    try:
        task = asyncio.create_task(fetch(9))
        value = await task
    except ValueError:
        value = None
    return value


async def futures(coro):
    fut = asyncio.ensure_future(coro)
    tasks = [asyncio.create_task(fetch(i)) for i in range(3)]
    return fut, tasks


def outside(coro):
    return asyncio.create_task(coro)

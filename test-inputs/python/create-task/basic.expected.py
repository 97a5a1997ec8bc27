import anyio


async def fetch(n, scale=1):
    await anyio.sleep(0.01)
    return n * scale


async def one():
    results = [None] * 1

    async def store_result(index, coro):
        results[index] = await coro

    async with anyio.create_task_group() as tg:
        tg.start_soon(store_result, 0, fetch(1))
        other = await fetch(2)
    value = results[0]
    return value + other


async def returned():
    results = [None] * 1

    async def store_result(index, coro):
        results[index] = await coro

    async with anyio.create_task_group() as tg:
        tg.start_soon(store_result, 0, fetch(3, scale=2))
        print("working")
    return results[0]


async def bare():
    async with anyio.create_task_group() as tg:
        tg.start_soon(fetch, 4)  # start early
        if True:
            print("meanwhile")


async def several():
    results = [None] * 2

    async def store_result(index, coro):
        results[index] = await coro

    async with anyio.create_task_group() as tg:
        tg.start_soon(store_result, 0, fetch(5))
        tg.start_soon(store_result, 1, fetch(6), name="second")
        """A string statement
    spanning lines."""
    a = results[0]
    b = results[1]
    return a, b


import anyio


async def main(fetch):
    results = [None] * 2

    async def store_result(index, coro):
        results[index] = await coro

    async with anyio.create_task_group() as tg:
        tg.start_soon(store_result, 0, fetch(1))
        tg.start_soon(store_result, 1, fetch(2))
    x = results[0]
    y = results[1]
    return x, y

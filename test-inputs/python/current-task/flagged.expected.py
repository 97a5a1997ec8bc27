import asyncio


async def cancel_me():
    task = asyncio.current_task()
    asyncio.current_task().cancel()
    for t in asyncio.all_tasks():
        t.cancel()
    return task, asyncio.current_task(None)

import asyncio


async def worker(log):
    log.append(asyncio.current_task().get_name())
    log.append(id(asyncio.current_task()))
    log.append(len(asyncio.all_tasks()))

import anyio


async def worker(log):
    log.append(anyio.get_current_task().name)
    log.append(anyio.get_current_task().id)
    log.append(len(anyio.get_running_tasks()))

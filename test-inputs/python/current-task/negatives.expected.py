import asyncio

import anyio


def id(x):
    return 0


async def shadowed(len):
    # asyncio.current_task().get_name() in a comment
    text = "asyncio.all_tasks()"
    print(anyio.get_current_task().name, text)
    return id(asyncio.current_task()), len(asyncio.all_tasks())
